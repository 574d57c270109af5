BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEnvironment.ps1')
}

Describe 'Get-RepricingAuditLog -Wait' -Tag 'Audit', 'Reliability' {
    It 'shows new entries from another writer within 2 seconds, survives the root going away, and stops' {
        $root = Join-Path $TestDrive 'tail-root'
        New-Item -ItemType Directory $root | Out-Null
        Write-RepricingAuditEntry -Script s -Message 'old' -LogPath $root
        $module = $env:REPRICINGPS_TEST_MODULE
        $job = Start-ThreadJob -ScriptBlock {
            Import-Module $using:module
            Get-RepricingAuditLog -LogPath $using:root -Wait -Last 1 -WarningAction Continue 3>&1 |
                ForEach-Object { if ($_ -is [System.Management.Automation.WarningRecord]) { "WARNING: $($_.Message)" } else { $_.Message } }
        }
        function Wait-Output([string] $like, [int] $seconds = 10) {
            $deadline = (Get-Date).AddSeconds($seconds)
            $seen = @()
            while ((Get-Date) -lt $deadline) {
                $seen += @(Receive-Job $job)
                if ($seen -like $like) { return $seen }
                Start-Sleep -Milliseconds 50
            }
            throw "No '$like' within $seconds s; got: $($seen -join ' / ')"
        }
        try {
            Wait-Output 'old' | Should -Contain 'old'
            $written = Get-Date
            Write-RepricingAuditEntry -Script s -Message 'new one' -LogPath $root
            Wait-Output 'new one' | Out-Null
            ((Get-Date) - $written).TotalSeconds | Should -BeLessThan 2

            Rename-Item $root "$root-away"
            Wait-Output 'WARNING:*does not exist*' | Out-Null
            Rename-Item "$root-away" $root
            Write-RepricingAuditEntry -Script s -Message 'after return' -LogPath $root
            $out = Wait-Output 'after return'
            @($out -like 'WARNING: The audit log*is available again; following it.').Count | Should -Be 1 -Because 'it says when the root is back'
        } finally {
            Stop-Job $job
        }
        $job.State | Should -Be 'Stopped'
        Remove-Job $job
    }

    It 'shows the same first N as without -Wait: a future-dated entry is left out of them, with the same warning' {
        $root = Join-Path $TestDrive 'future-root'
        New-Item -ItemType Directory $root | Out-Null
        'r1', 'r2', 'r3', 'ahead' | ForEach-Object { Write-RepricingAuditEntry -Script s -Message $_ -LogPath $root }
        # The last entry's writer had a clock two days ahead: its timestamp is moved by hand.
        $file = Get-ChildItem $root -Recurse -Filter *.csv | Select-Object -First 1
        $ahead = (Get-Date).ToUniversalTime().AddDays(2).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+00:00'", [cultureinfo]::InvariantCulture)
        $lines = [IO.File]::ReadAllLines($file.FullName) | ForEach-Object { if ($_ -match ',ahead,') { $ahead + $_.Substring($_.IndexOf(',')) } else { $_ } }
        [IO.File]::WriteAllLines($file.FullName, [string[]] $lines)

        $without = Get-RepricingAuditLog -LogPath $root -Last 3 -WarningVariable withoutWarning -WarningAction SilentlyContinue
        $without.Message | Should -Be @('r1', 'r2', 'r3')
        $withoutWarning.Count | Should -Be 1
        $module = $env:REPRICINGPS_TEST_MODULE
        $job = Start-ThreadJob -ScriptBlock {
            Import-Module $using:module
            Get-RepricingAuditLog -LogPath $using:root -Wait -Last 3 -WarningAction Continue 3>&1 |
                ForEach-Object { if ($_ -is [System.Management.Automation.WarningRecord]) { "WARNING: $($_.Message)" } else { $_.Message } }
        }
        try {
            $seen = @()
            $deadline = (Get-Date).AddSeconds(10)
            while ((Get-Date) -lt $deadline -and @($seen | Where-Object { $_ -notlike 'WARNING:*' }).Count -lt 3) {
                $seen += @(Receive-Job $job)
                Start-Sleep -Milliseconds 50
            }
            Start-Sleep -Milliseconds 500
            $seen += @(Receive-Job $job)
        } finally {
            Stop-Job $job
            Remove-Job $job
        }
        @($seen | Where-Object { $_ -notlike 'WARNING:*' }) | Should -Be @('r1', 'r2', 'r3')
        @($seen | Where-Object { $_ -like 'WARNING:*' }) | Should -Be @("WARNING: $($withoutWarning[0].Message)")
    }

    It 'refuses -Until' {
        { Get-RepricingAuditLog -LogPath $shared -Wait -Until (Get-Date) } | Should -Throw -ErrorId 'WaitWithUntil,RepricingPS.Commands.GetRepricingAuditLogCommand'
    }
}

Describe 'Test-RepricingAuditLog' -Tag 'Audit', 'Reliability' {
    It 'reports one object per file and an AuditLogIntegrity error for an edited record' {
        $root = Join-Path $TestDrive 'integrity'
        New-Item -ItemType Directory $root | Out-Null
        1..3 | ForEach-Object { "record $_" } | Write-RepricingAuditEntry -Script s -LogPath $root
        $clean = Test-RepricingAuditLog -LogPath $root
        $clean.IsValid | Should -BeTrue
        $clean.PSObject.TypeNames[0] | Should -Be 'RepricingPS.IntegrityReport'

        $file = (Get-ChildItem $root -Recurse -Filter *.csv).FullName
        (Get-Content $file -Raw).Replace('record 2', 'record X') | Set-Content $file -NoNewline
        $r = Test-RepricingAuditLog -LogPath $root -ErrorVariable problems -ErrorAction SilentlyContinue
        $r.ChainBreaks | Should -Be 1
        $r.Problems | Should -BeLike 'line 3: chain break*'
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'AuditLogIntegrity,RepricingPS.Commands.TestRepricingAuditLogCommand'
    }

    It 'marks legacy files and counts their malformed rows' {
        $r = Test-RepricingAuditLog -LogPath $shared -ErrorAction SilentlyContinue
        $r.Count | Should -Be 31
        ($r | Where-Object Legacy).Count | Should -Be 31
        ($r | Measure-Object MalformedRows -Sum).Sum | Should -Be 26
    }
}

Describe 'Remove-RepricingAuditLog' -Tag 'Audit', 'Reliability' {
    It 'says so with -Verbose when nothing is old enough to remove' {
        $root = Join-Path $TestDrive 'retention-none'
        Write-RepricingAuditEntry -Script s -Message 'today' -LogPath $root
        $verbose = Remove-RepricingAuditLog -LogPath $root -OlderThan 365 -WhatIf -Verbose 4>&1 | ForEach-Object Message
        "$verbose" | Should -BeLike "Nothing to remove: no new-format log file under '$root' is older than 365 days."
        @(Get-ChildItem $root -Recurse -Filter *.csv).Count | Should -Be 1
    }

    It 'removes nothing with -WhatIf, then old whole partitions, and logs what it removed' {
        $root = Join-Path $TestDrive 'retention'
        $old = Join-Path $root ('{0:yyyy}/{0:MM}' -f (Get-Date).AddDays(-100))
        New-Item -ItemType Directory $old -Force | Out-Null
        Write-RepricingAuditEntry -Script s -Message 'today' -LogPath $root
        $today = (Get-ChildItem $root -Recurse -Filter *.csv).FullName
        $oldFile = Join-Path $old ('{0:yyyy-MM-dd}_old_PC.csv' -f (Get-Date).AddDays(-100))
        Copy-Item $today $oldFile
        Copy-Item (Join-Path $shared 'audit_log.csv') $root

        Remove-RepricingAuditLog -OlderThan 30 -LogPath $root -WhatIf 6>&1 | Out-Null
        Test-Path $oldFile | Should -BeTrue
        $removed = Remove-RepricingAuditLog -OlderThan 30 -LogPath $root -Confirm:$false -PassThru
        $removed.File | Should -Be $oldFile
        Test-Path $oldFile | Should -BeFalse
        Test-Path (Join-Path $root 'audit_log.csv') | Should -BeTrue -Because 'legacy files go only with -IncludeLegacy'
        $info = Get-RepricingAuditLog -LogPath $root -Script Remove-RepricingAuditLog -WarningAction SilentlyContinue
        $info.Message | Should -BeLike 'Removed 1 audit log file(s) older than 30 days*'
    }

    It 'does not follow links out of the root nor remove a look-alike, and warns about what it skipped' {
        $root = Join-Path $TestDrive 'retention-hostile'
        $outside = Join-Path $TestDrive 'not-the-log'
        $stamp = (Get-Date).AddDays(-100)
        $month = Join-Path $root ('{0:yyyy}/{0:MM}' -f $stamp)
        New-Item -ItemType Directory $month, $outside -Force | Out-Null
        Write-RepricingAuditEntry -Script s -Message 'today' -LogPath $root
        $today = (Get-ChildItem $root -Recurse -Filter *.csv).FullName
        $real = Join-Path $month ('{0:yyyy-MM-dd}_old_PC.csv' -f $stamp)
        Copy-Item $today $real
        $budget = Join-Path $month ('{0:yyyy-MM-dd}_budget.csv' -f $stamp)
        Set-Content $budget "Account,Amount`r`n4000,12.50"
        $victim = Join-Path $outside ('{0:yyyy-MM-dd}_victim_PC.csv' -f $stamp)
        Copy-Item $today $victim
        New-Item -ItemType SymbolicLink -Path (Join-Path $root 'linked') -Target $outside | Out-Null
        New-Item -ItemType SymbolicLink -Path (Join-Path $month ('{0:yyyy-MM-dd}_link_PC.csv' -f $stamp)) -Target $victim | Out-Null

        $removed = Remove-RepricingAuditLog -OlderThan 30 -LogPath $root -IncludeLegacy -Confirm:$false -PassThru -WarningVariable w -WarningAction SilentlyContinue
        $removed.File | Should -Be $real
        Test-Path $budget | Should -BeTrue
        Test-Path $victim | Should -BeTrue
        $w.Count | Should -Be 2
        "$w" | Should -BeLike '*linked (a link; links are not followed*'
    }
}
