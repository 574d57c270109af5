BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEnvironment.ps1')
    # A writable copy: reports write a SUPPORT_REPORT entry to the root they read.
    $legacy = Join-Path $TestDrive 'legacy'
    Copy-Item $shared $legacy -Recurse
    $quiet = @{ WarningAction = 'SilentlyContinue' }
    $all = @{ Since = [datetime]'2020-01-01'; Until = [datetime]'2030-01-01' }
    function Get-SupportReportEntries { @(Get-RepricingAuditLog -LogPath $legacy -Status SUPPORT_REPORT -Since ([datetime]::Today.AddDays(-1)) @quiet) }
}

Describe 'Get-UserSupportReport for a user the log has never seen' -Tag 'Support' {
    It 'is a non-terminating UserNotFound error that suggests the nearest names, and logs no SUPPORT_REPORT' {
        $before = (Get-SupportReportEntries).Count
        $r = Get-UserSupportReport -User Danial -LogPath $legacy -Days 365 -ErrorAction SilentlyContinue -ErrorVariable ev @quiet
        $r | Should -BeNullOrEmpty
        $ev.Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -Be 'UserNotFound,RepricingPS.Commands.GetUserSupportReportCommand'
        $ev[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $ev[0].Exception.Message | Should -Match "Did you mean 'Daniel', 'Dan'"
        $ev[0].Exception.Message | Should -Not -Match 'nothing to fix'
        (Get-SupportReportEntries).Count | Should -Be $before
    }

    It 'goes on with the next user after the error' {
        $r = 'nobody-at-all', 'Daniel' | Get-UserSupportReport -LogPath $legacy -Days 365 -ErrorAction SilentlyContinue @quiet
        @($r).Count | Should -Be 1
        $r.User | Should -Be 'Daniel'
    }
}

Describe 'Get-UserSupportReport from the pipeline' -Tag 'Support' {
    It 'gives one report per distinct user, not one per piped error' {
        $errors = Get-RepricingError -LogPath $shared @all @quiet
        $users = @($errors.User | ForEach-Object { $_.ToUpperInvariant() } | Sort-Object -Unique)
        $errors.Count | Should -BeGreaterThan $users.Count
        $reports = $errors | Get-UserSupportReport -LogPath $legacy -Days 365 @quiet
        @($reports).Count | Should -Be $users.Count
        @($reports.User | ForEach-Object { $_.ToUpperInvariant() } | Sort-Object -Unique) | Should -Be $users
    }

    It 'binds the Name of Group-Object groups' {
        $groups = Get-RepricingError -LogPath $shared @all @quiet | Group-Object User | Sort-Object Name | Select-Object -First 2
        $reports = $groups | Get-UserSupportReport -LogPath $legacy -Days 365 @quiet
        $reports.User | Should -Be $groups.Name
    }

    It 'is found as Get-RepricingUserReport too' {
        (Get-Command Get-RepricingUserReport).ResolvedCommand.Name | Should -Be 'Get-UserSupportReport'
        (Get-Command *Repricing* -Module RepricingPS).Name | Should -Contain 'Get-RepricingUserReport'
    }
}

Describe 'Completion that reads the log and the workbook' -Tag 'Support' {
    BeforeAll {
        $root = Join-Path $TestDrive 'complete'
        New-Item -ItemType Directory $root | Out-Null
        Write-RepricingAuditEntry -Script 'Nightly Checks' -Message 'hi' -LogPath $root
        function Complete([string] $line) { (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches }
    }

    It 'completes -User from the names seen in the log' {
        (Complete "Get-RepricingError -LogPath '$shared' -User Dan").CompletionText | Should -Be @('Dan', 'Daniel', 'DannyBushnell')
        (Complete "Get-RepricingAuditLog -LogPath '$root' -User ").CompletionText | Should -Contain ([Environment]::UserName)
    }

    It 'completes -Script from recent entries, quoting names with spaces' {
        (Complete "Get-RepricingAuditLog -LogPath '$root' -Script Ni").CompletionText | Should -Be "'Nightly Checks'"
    }

    It 'completes -Script from the old program''s logs, however old their entries' {
        # The distinct Script column of every row of the shared legacy samples (root and per-user files), read by hand with
        # another CSV reader: the old program's component names are what support types to query its logs.
        (Complete "Get-RepricingError -LogPath '$shared' -Script ").CompletionText | Should -Be @(
            'bg_disruption.py', 'DataProcessing', 'epls_lbl.py', 'File1Import', 'File2Import', 'merge.py', 'MergeProcess',
            'openmdf_bg2.py', 'openmdf_tier.py', 'ProcessManager', 'RepricingApp', 'RepricingProcess', 'sharx_lbl.py',
            'TemplateImport', 'TemplateProcessor', 'tier_disruption.py', 'UserValidation')
        (Complete "Get-RepricingError -LogPath '$shared' -Script Rep").CompletionText | Should -Be @('RepricingApp', 'RepricingProcess')
    }

    It 'quotes a hostile name so the completed line is still one command: <Name>' -ForEach @(
        @{ Name = "s$([char]0x2019);touch /tmp/rps-pwned;$([char]0x2019)" }
        @{ Name = "x|Stop-Computer" }
        @{ Name = "a'b; Remove-Item ~" }
        @{ Name = "-Verbose" }
        @{ Name = "multi`nline" }
    ) {
        $hostile = Join-Path $TestDrive ('hostile-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory $hostile | Out-Null
        Write-RepricingAuditEntry -Script $Name -Message 'planted' -LogPath $hostile
        $line = "Get-RepricingAuditLog -LogPath '$hostile' -Script "
        $completed = @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText)
        $completed.Count | Should -Be 1
        $tokens = $null; $parseErrors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($line + $completed[0], [ref] $tokens, [ref] $parseErrors)
        $parseErrors | Should -BeNullOrEmpty
        $ast.EndBlock.Statements.Count | Should -Be 1
        $ast.EndBlock.Statements[0].PipelineElements.Count | Should -Be 1
        # And it means the name itself: running the completed line finds the planted entry.
        (Invoke-Expression ($line + $completed[0])).Message | Should -Be 'planted'
    }

    It 'completes -Sheet from the workbook''s sheet names' {
        $set = New-RepricingSampleData (Join-Path $TestDrive 'sample') -Claims 20
        (Complete "Import-RepricingFile -Path '$($set.Template)' -Role Template -Sheet ").CompletionText | Should -Contain "'Claims Table'"
        (Complete "Invoke-RepricingDisruption -Claims '$($set.Template)' -Kind Tier -OutputDirectory x -ClaimsSheet ").CompletionText | Should -Contain "'Claims Table'"
        (Complete "Export-RepricingLineByLine -Claims '$($set.Template)' -Format EPLS -OutputDirectory x -ClaimsSheet Cl").CompletionText | Should -Be "'Claims Table'"
    }

    It 'resolves a relative workbook or log path against the console''s current folder, not the process''s' {
        $set = New-RepricingSampleData (Join-Path $TestDrive 'relative') -Claims 20
        Push-Location (Split-Path $set.Template)
        try {
            # The process's current directory is elsewhere (where pwsh started); only PowerShell's location finds these.
            [Environment]::CurrentDirectory | Should -Not -Be (Get-Location).ProviderPath
            (Complete "Import-RepricingFile -Path './$(Split-Path $set.Template -Leaf)' -Role Template -Sheet ").CompletionText | Should -Contain "'Claims Table'"
            Set-Location (Split-Path $shared)
            (Complete "Get-RepricingError -LogPath ./$(Split-Path $shared -Leaf) -User Dan").CompletionText | Should -Be @('Dan', 'Daniel', 'DannyBushnell')
        }
        finally { Pop-Location }
    }
}

Describe 'Output objects in Export-Csv' -Tag 'Support' {
    It 'Get-RepricingErrorSummary -AsTable emits flat Section, Name, Count rows' {
        $rows = Get-RepricingErrorSummary -LogPath $shared @all -AsTable @quiet
        $rows[0].PSObject.TypeNames[0] | Should -Be 'RepricingPS.SummaryRow'
        ($rows | Where-Object { $_.Section -eq 'Totals' -and $_.Name -eq 'Errors' }).Count | Should -Be 212
        ($rows | Where-Object { $_.Section -eq 'ErrorsByStatus' -and $_.Name -eq 'FILE_ERROR' }).Count | Should -Be 43
        ($rows | Where-Object { $_.Section -eq 'Totals' -and $_.Name -eq 'MalformedRows' }).Count | Should -Be 26
        $csv = $rows | ConvertTo-Csv -NoTypeInformation
        $csv[0] | Should -Be '"Section","Name","Count"'
    }

    It 'exports <Name> without a type name in any column' -ForEach @(
        @{ Name = 'the error summary'; Get = { Get-RepricingErrorSummary -LogPath $shared @all @quiet } }
        @{ Name = 'a user support report'; Get = { Get-UserSupportReport -User Daniel -LogPath $legacy -Days 365 @quiet } }
        @{ Name = 'audit entries'; Get = { Get-RepricingError -LogPath $shared @all -First 3 @quiet } }
        @{ Name = 'the audit configuration'; Get = { Get-RepricingAuditConfiguration -LogPath $shared } }
        @{ Name = 'an imported file'; Get = { Import-RepricingFile (New-RepricingSampleData (Join-Path $TestDrive 'export-import') -Claims 50).File1 -Role File1 -LogPath $legacy @quiet } }
        @{ Name = 'a repricing result and its disruption'; Get = {
                $set = New-RepricingSampleData (Join-Path $TestDrive 'export-sample') -Claims 300
                $out = Join-Path $TestDrive 'export-out'
                $r = Invoke-Repricing $set.File1 $set.File2 $out -Template $set.Template -LogPath $legacy @quiet
                $r
                $r | Invoke-RepricingDisruption -Kind Tier -OutputDirectory $out -MediSpan $set.MediSpan -Universal $set.Universal `
                    -Exclusive $set.Exclusive -Network $set.Network -LogPath $legacy @quiet
            } }
    ) {
        $objects = @(& $Get)
        $objects.Count | Should -BeGreaterThan 0
        $csv = $objects | ForEach-Object { $_ | ConvertTo-Csv -NoTypeInformation } | Out-String
        $csv | Should -Not -Match 'RepricingPS\.Core\.|System\.Collections|System\.Object\[\]|\[\]"'
    }
}

Describe 'Get-RepricingAuditLog for support' -Tag 'Support' {
    BeforeAll {
        $root = Join-Path $TestDrive 'sessions'
        New-Item -ItemType Directory $root | Out-Null
        Start-RepricingSession -Script 'First' -LogPath $root | Out-Null
        Write-RepricingAuditEntry -Script 'First' -Message 'step one' -LogPath $root
        Write-RepricingAuditEntry -Script 'First' -Status FILE_ERROR -ErrorMessage 'locked' -LogPath $root
        Stop-RepricingSession -LogPath $root | Out-Null
        Start-RepricingSession -Script 'Second' -LogPath $root | Out-Null
        Write-RepricingAuditEntry -Script 'Second' -Message 'other work' -LogPath $root
        Stop-RepricingSession -LogPath $root | Out-Null
    }

    It 'shows the whole session of an error piped in, and nothing of other sessions' {
        $error1 = Get-RepricingError -LogPath $root -Days 1 | Select-Object -First 1
        $session = $error1 | Get-RepricingAuditLog -LogPath $root
        # START, INFO 'step one', FILE_ERROR, END of the first session, oldest first.
        $session.Status | Should -Be @('START', 'INFO', 'FILE_ERROR', 'END')
        $session.SessionId | Sort-Object -Unique | Should -Be $error1.SessionId
        $session.Message | Should -Not -Contain 'other work'
    }

    It 'takes -SessionId by name, and completes it from recent sessions' {
        $id = (Get-RepricingAuditLog -LogPath $root -Status START -Script Second).SessionId
        (Get-RepricingAuditLog -LogPath $root -SessionId $id).Script | Sort-Object -Unique | Should -Be 'Second'
        $line = "Get-RepricingAuditLog -LogPath '$root' -SessionId "
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain $id
    }

    It 'reads -Until at midnight as through the end of that day' {
        $today = [datetime]::Today
        @(Get-RepricingAuditLog -LogPath $root -Since $today -Until $today).Count | Should -Be 7   # 4 of the first session, 3 of the second
        @(Get-RepricingAuditLog -LogPath $root -Since $today.AddDays(-1) -Until $today.AddDays(-1)).Count | Should -Be 0
    }
}

Describe 'Remove-RepricingAuditLog asks once' -Tag 'Support' {
    BeforeAll {
        function New-OldPartitions([string] $root) {
            Write-RepricingAuditEntry -Script s -Message 'today' -LogPath $root
            $today = (Get-ChildItem $root -Recurse -Filter *.csv).FullName
            foreach ($days in 100, 101, 102) {
                $day = (Get-Date).AddDays(-$days)
                $dir = New-Item -ItemType Directory -Force (Join-Path $root ('{0:yyyy}/{0:MM}' -f $day))
                Copy-Item $today (Join-Path $dir ('{0:yyyy-MM-dd}_old_PC.csv' -f $day))
            }
        }
        function Invoke-FreshPwsh([string] $Command) {
            $out = (Invoke-TestPwsh @('-NoProfile', '-NonInteractive', '-Command', $Command) 2>&1 | ForEach-Object { "$_" }) -join "`n"
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $out }
        }
    }

    It 'says what -WhatIf would do in one line for the whole set' {
        $root = Join-Path $TestDrive 'ret-whatif'
        New-OldPartitions $root
        $r = Invoke-FreshPwsh "Import-Module '$($env:REPRICINGPS_TEST_MODULE)'; Remove-RepricingAuditLog -OlderThan 30 -LogPath '$root' -WhatIf"
        @($r.Output -split "`n" | Where-Object { $_ -like 'What if:*' }).Count | Should -Be 1
        $r.Output | Should -Match 'Remove 3 audit log file\(s\)'
        @(Get-ChildItem $root -Recurse -Filter '*_old_PC.csv').Count | Should -Be 3
    }

    It 'runs unattended with -Force, and refuses to guess without it in a non-interactive process' {
        $root = Join-Path $TestDrive 'ret-force'
        New-OldPartitions $root
        $refused = Invoke-FreshPwsh "Import-Module '$($env:REPRICINGPS_TEST_MODULE)'; Remove-RepricingAuditLog -OlderThan 30 -LogPath '$root'"
        $refused.Output | Should -Match 'NonInteractive|non-interactive|prompt'
        @(Get-ChildItem $root -Recurse -Filter '*_old_PC.csv').Count | Should -Be 3
        $r = Invoke-FreshPwsh "Import-Module '$($env:REPRICINGPS_TEST_MODULE)'; Remove-RepricingAuditLog -OlderThan 30 -LogPath '$root' -Force -PassThru | ForEach-Object File"
        $r.ExitCode | Should -Be 0 -Because $r.Output
        @(Get-ChildItem $root -Recurse -Filter '*_old_PC.csv').Count | Should -Be 0
        (Get-RepricingAuditLog -LogPath $root -Script Remove-RepricingAuditLog -WarningAction SilentlyContinue).Message | Should -BeLike 'Removed 3 audit log file(s)*'
    }
}

Describe 'Malformed legacy rows' -Tag 'Support' {
    It 'are warned about once per file per session, naming the file; -Verbose still lists them' {
        $root = Join-Path $TestDrive 'malformed-once'
        Copy-Item $shared $root -Recurse
        Get-RepricingError -LogPath $root @all -WarningVariable first -WarningAction SilentlyContinue | Out-Null
        $first.Count | Should -Be 1
        "$first" | Should -Match "^26 malformed row\(s\) could not be read in \d+ file\(s\): '.+audit_log\.csv' \(9\)"
        Get-RepricingError -LogPath $root @all -User Dan -WarningVariable second -WarningAction SilentlyContinue | Out-Null
        Get-RepricingErrorSummary -LogPath $root @all -WarningVariable third -WarningAction SilentlyContinue | Out-Null
        @($second + $third | Where-Object { "$_" -match 'malformed' }).Count | Should -Be 0
        $verbose = Get-RepricingError -LogPath $root @all -Verbose -WarningAction SilentlyContinue 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($verbose | Where-Object Message -like 'Malformed row *').Count | Should -Be 26
    }
}

Describe 'Entries dated in the future' -Tag 'Support' {
    It 'stay out of Get-RepricingError''s newest-first list with one warning, and come back with an explicit -Until' {
        $root = Join-Path $TestDrive 'future'
        New-Item -ItemType Directory $root | Out-Null
        $ahead = (Get-Date).AddDays(3).ToString('yyyy-MM-dd HH:mm:ss')
        $now = (Get-Date).AddMinutes(-5).ToString('yyyy-MM-dd HH:mm:ss')
        Set-Content (Join-Path $root 'audit_log.csv') -Value @(
            'Timestamp,User,Script,Message,Status'
            "$ahead,dan,merge.py,clock ahead,ERROR"
            "$now,dan,merge.py,real error,ERROR"
        )
        $errors = @(Get-RepricingError -LogPath $root -Days 1 -WarningVariable w -WarningAction SilentlyContinue)
        $errors.Message | Should -Be 'real error'
        @($w | Where-Object { "$_" -match 'more than 24 hours' }).Count | Should -Be 1
        @(Get-RepricingError -LogPath $root -Since (Get-Date).AddDays(-1) -Until (Get-Date).AddDays(10) -WarningAction SilentlyContinue).Count | Should -Be 2
    }

    It 'count -Until 9999-12-31 as through the last moment of the calendar' {
        $root = Join-Path $TestDrive 'calendar-end'
        New-Item -ItemType Directory $root | Out-Null
        Set-Content (Join-Path $root 'audit_log.csv') -Value @('Timestamp,User,Script,Message,Status', '9999-12-31 23:59:59,dan,merge.py,last,ERROR')
        if ([TimeZoneInfo]::Local.BaseUtcOffset -gt [TimeSpan]::Zero) {
            Set-ItResult -Skipped -Because 'east of UTC the last second of the calendar cannot be placed in time (a malformed row by design)'
            return
        }
        @(Get-RepricingAuditLog -LogPath $root -Since 2000-01-01 -Until 9999-12-31 -WarningAction SilentlyContinue).Message | Should -Be 'last'
    }
}

Describe 'An offline log root' -Tag 'Support' {
    It 'is warned about once for a script of several cmdlets, not once per cmdlet' {
        $missing = Join-Path $TestDrive 'offline-share/root'
        Write-RepricingAuditEntry -Script 's' -Message 'one' -LogPath $missing -WarningVariable w1 -WarningAction SilentlyContinue
        Write-RepricingAuditEntry -Script 's' -Message 'two' -LogPath $missing -WarningVariable w2 -WarningAction SilentlyContinue
        Start-RepricingSession -Script 's' -LogPath $missing -WarningVariable w3 -WarningAction SilentlyContinue | Out-Null
        @($w1 + $w2 + $w3 | Where-Object { "$_" -like '*cannot be written now*' }).Count | Should -Be 1
        Stop-RepricingSession -LogPath $missing -WarningAction SilentlyContinue | Out-Null
        (Get-RepricingAuditConfiguration -LogPath $missing).SpooledEntries | Should -Be 4
    }
}
