BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEnvironment.ps1')
    $legacy = $shared
}

Describe 'Write-RepricingAuditEntry' -Tag 'Audit' {
    BeforeEach {
        $root = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $root | Out-Null
    }

    It 'writes INFO by default and composes the legacy-shaped message' {
        $e = Write-RepricingAuditEntry -Script 'job.ps1' -Action 'Import File' -File 'claims.csv' -LogPath $root -PassThru
        $e.Status | Should -Be 'INFO'
        $e.Message | Should -BeLike 'User: * | Action: Import File | File: claims.csv'
        $e.PSObject.TypeNames[0] | Should -Be 'RepricingPS.AuditEntry'
        $e.User | Should -Be ([Environment]::UserName)
        @(Get-RepricingAuditLog -LogPath $root).Count | Should -Be 1
    }

    It 'records an ErrorRecord with its category and stack' {
        try { Get-Item (Join-Path $TestDrive 'nope.csv') -ErrorAction Stop } catch { $err = $_ }
        $e = Write-RepricingAuditEntry -Script 'job.ps1' -ErrorRecord $err -Status FILE_ERROR -LogPath $root -PassThru
        $e.Error | Should -BeLike '*nope.csv*'
        $e.ErrorType | Should -Be 'ObjectNotFound'
        $e.Details | Should -Not -BeNullOrEmpty
        $e.IsError | Should -BeTrue
    }

    It 'adds system context to a SYSTEM_ERROR' {
        $e = Write-RepricingAuditEntry -Script 'job.ps1' -Status SYSTEM_ERROR -Action 'Merge' -ErrorMessage 'boom' -LogPath $root -PassThru
        $e.Details | Should -BeLike 'Stage: Merge | Process memory: * MB | Machine memory available: *'
    }

    It 'takes messages from the pipeline' {
        'one', 'two' | Write-RepricingAuditEntry -Script 'job.ps1' -LogPath $root
        (Get-RepricingAuditLog -LogPath $root).Message | Should -Be @('one', 'two')
    }

    It 'creates a configured root whose parent folder exists, instead of spooling (spec 7)' {
        $new = Join-Path $TestDrive 'new-root'
        Write-RepricingAuditEntry -Script 's' -Message 'first' -LogPath $new -WarningVariable w
        $w.Count | Should -Be 0
        (Get-RepricingAuditLog -LogPath $new).Message | Should -Be 'first'
    }

    It 'caps a huge field at 1,048,576 characters with a truncation note (spec 2)' {
        $big = 'x' * 2000000
        $e = Write-RepricingAuditEntry -Script 's' -Message $big -LogPath $root -PassThru
        $back = Get-RepricingAuditLog -LogPath $root
        # At most 1,048,576 in all: the 34-character note leaves 1,048,542 kept, so 2,000,000 - 1,048,542 = 951,458 are cut.
        $back.Message.Length | Should -Be 1048576
        $back.Message | Should -BeLike '*... `[truncated: 951458 characters`]'
        $e.Message | Should -Be $back.Message
    }

    It 'rejects a status that is not one word with InvalidStatus' {
        { Write-RepricingAuditEntry -Script 's' -Status 'not ok' -LogPath $root } | Should -Throw -ErrorId 'InvalidStatus,RepricingPS.Commands.WriteRepricingAuditEntryCommand'
    }

    It 'spools with one warning when the root and its share are missing, and the next write drains it' {
        $missing = Join-Path $TestDrive 'missing-share/missing-root'
        1..3 | ForEach-Object { "offline $_" } | Write-RepricingAuditEntry -Script 's' -LogPath $missing -WarningVariable w -WarningAction SilentlyContinue
        $w.Count | Should -Be 1
        "$w" | Should -BeLike '*missing-root*spool*'
        New-Item -ItemType Directory -Path $missing -Force | Out-Null
        Write-RepricingAuditEntry -Script 's' -Message 'online' -LogPath $missing -WarningVariable w2
        $w2.Count | Should -Be 0
        (Get-RepricingAuditLog -LogPath $missing).Message | Should -Be @('offline 1', 'offline 2', 'offline 3', 'online')
        (Get-RepricingAuditConfiguration -LogPath $missing).SpooledEntries | Should -Be 0
    }
}

Describe 'Sync-RepricingAuditLog' -Tag 'Audit' {
    It 'moves spooled entries once, and -WhatIf moves nothing' {
        $root = Join-Path $TestDrive 'sync-share/sync-root'
        'a', 'b' | Write-RepricingAuditEntry -Script 's' -LogPath $root -WarningAction SilentlyContinue
        New-Item -ItemType Directory $root -Force | Out-Null
        $dry = Sync-RepricingAuditLog -LogPath $root -WhatIf
        ($dry.Spooled, $dry.Moved, $dry.Remaining) | Should -Be @(2, 0, 2)
        $r = Sync-RepricingAuditLog -LogPath $root
        $r.PSObject.TypeNames[0] | Should -Be 'RepricingPS.SyncResult'
        ($r.Spooled, $r.Moved, $r.Remaining) | Should -Be @(2, 2, 0)
        (Sync-RepricingAuditLog -LogPath $root).Moved | Should -Be 0
        (Get-RepricingAuditLog -LogPath $root).Message | Should -Be @('a', 'b')
    }

    It 'is an error when the root is still unavailable, and the entries stay spooled' {
        $root = Join-Path $TestDrive 'missing-share/still-missing'
        Write-RepricingAuditEntry -Script 's' -Message 'x' -LogPath $root -WarningAction SilentlyContinue
        { Sync-RepricingAuditLog -LogPath $root } | Should -Throw -ErrorId 'AuditLogUnavailable,RepricingPS.Commands.SyncRepricingAuditLogCommand'
        (Get-RepricingAuditConfiguration -LogPath $root).SpooledEntries | Should -Be 1
    }
}

Describe 'Test-RepricingAuditLog help' -Tag 'Audit' {
    It 'says honestly what the unkeyed chain detects and what gives tamper evidence' {
        $help = Get-Help Test-RepricingAuditLog -Full | Out-String -Width 500
        $help | Should -BeLike '*accidental damage*careless edits*'
        $help | Should -BeLike '*unkeyed*not tamper evidence*insert-only*'
    }
}

Describe 'Get-RepricingAuditLog' -Tag 'Audit' {
    It 'answers -Since 0001-01-01 -Until 9999-12-31 and leaves a future-dated row out of -Last with one warning' {
        $root = Join-Path $TestDrive 'calendar'
        New-Item -ItemType Directory $root | Out-Null
        $today = (Get-Date).AddHours(-1).ToString('yyyy-MM-dd HH:mm:ss')
        $future = (Get-Date).AddDays(3).ToString('yyyy-MM-dd HH:mm:ss')
        "Timestamp,User,Script,Message,Status`r`n0001-01-01 00:00:00,jdoe,m.py,first,INFO`r`n${today},jdoe,m.py,today,INFO`r`n${future},jdoe,m.py,typo,INFO`r`n9999-12-31 23:59:59,jdoe,m.py,last,INFO`r`n" |
            Set-Content -Path (Join-Path $root 'audit_log.csv') -NoNewline
        $all = Get-RepricingAuditLog -LogPath $root -Since '0001-01-01' -Until '9999-12-31 23:59:59' -WarningAction SilentlyContinue
        $all.Message | Should -Contain 'typo'
        $all.Message | Should -Contain 'today'
        $recent = Get-RepricingAuditLog -LogPath $root -Last 1 -WarningVariable w -WarningAction SilentlyContinue
        $recent.Message | Should -Be 'today'
        $w.Count | Should -Be 1
        "$w" | Should -BeLike '2 entries dated more than 24 hours after*audit_log.csv:4)*'
    }

    It 'reads the legacy root with the reference total' {
        # A copy no earlier test has read: malformed rows are warned about once per file per session.
        $fresh = Join-Path $TestDrive 'legacy-total'
        Copy-Item $shared $fresh -Recurse
        $all = Get-RepricingAuditLog -LogPath $fresh -WarningVariable w -WarningAction SilentlyContinue
        $all.Count | Should -Be 1478
        ($w | Where-Object { "$_" -match '^(\d+) malformed row' } | ForEach-Object { [int] ("$_" -replace ' malformed.*$', '') } | Measure-Object -Sum).Sum | Should -Be 26
    }

    It 'keeps the row count through Export-Csv and Import-Csv' {
        $csv = Join-Path $TestDrive 'export.csv'
        Get-RepricingAuditLog -LogPath $legacy -WarningAction SilentlyContinue | Export-Csv -Path $csv -NoTypeInformation
        @(Import-Csv $csv).Count | Should -Be 1478
    }

    It 'matches -User exactly and case-insensitively, wildcards only when asked' {
        $dan = Get-RepricingAuditLog -LogPath $legacy -User 'DAN' -WarningAction SilentlyContinue
        ($dan.User | Sort-Object -Unique) | Should -Be @('Dan')
        $danStar = Get-RepricingAuditLog -LogPath $legacy -User 'dan*' -WarningAction SilentlyContinue
        ($danStar.User | Sort-Object -Unique).Count | Should -BeGreaterThan 1
    }

    It 'takes users from the pipeline by property name' {
        $r = [pscustomobject]@{ UserName = 'Jordan' } | Get-RepricingAuditLog -LogPath $legacy -WarningAction SilentlyContinue
        ($r.User | Sort-Object -Unique) | Should -Be 'Jordan'
    }

    It 'returns the newest N oldest first with -Last' {
        $all = Get-RepricingAuditLog -LogPath $legacy -WarningAction SilentlyContinue
        $last = Get-RepricingAuditLog -LogPath $legacy -Last 5 -WarningAction SilentlyContinue
        $last.EntryId | Should -Be ($all | Select-Object -Last 5).EntryId
        $last[0].Timestamp | Should -BeLessOrEqual $last[4].Timestamp
    }

    It 'filters by -Status, -Since/-Until and -Match' {
        $since = [datetime]'2026-11-01'; $until = [datetime]'2026-11-10'
        $r = Get-RepricingAuditLog -LogPath $legacy -Status '*_ERROR', 'ERROR' -Since $since -Until $until -WarningAction SilentlyContinue
        $r | ForEach-Object { $_.IsError | Should -BeTrue; $_.Timestamp.DateTime | Should -BeGreaterOrEqual $since }
        $m = Get-RepricingAuditLog -LogPath $legacy -Match 'permission denied' -WarningAction SilentlyContinue
        $m.Count | Should -BeGreaterThan 0
    }

    It 'is an error with id AuditLogNotFound when the root is missing' {
        { Get-RepricingAuditLog -LogPath (Join-Path $TestDrive 'nowhere') -ErrorAction Stop } | Should -Throw -ErrorId 'AuditLogNotFound,RepricingPS.Commands.GetRepricingAuditLogCommand'
    }

    It 'refuses -Days with -Since (they are in different parameter sets, as Get-Help shows)' {
        { Get-RepricingAuditLog -LogPath $legacy -Days 3 -Since (Get-Date) } | Should -Throw -ErrorId 'AmbiguousParameterSet,RepricingPS.Commands.GetRepricingAuditLogCommand'
        $sets = (Get-Command Get-RepricingAuditLog).ParameterSets
        ($sets | Where-Object Name -eq 'Days').Parameters.Name | Should -Not -Contain 'Since'
        ($sets | Where-Object Name -eq 'Window').Parameters.Name | Should -Contain 'Until'
    }
}

Describe 'Sessions' -Tag 'Audit' {
    It 'ties START, entries and END to one SessionId' {
        $root = Join-Path $TestDrive 'sessions'
        New-Item -ItemType Directory $root | Out-Null
        $start = Start-RepricingSession -Script 'Nightly' -LogPath $root
        Write-RepricingAuditEntry -Script 'Nightly' -Message 'work' -LogPath $root
        $end = Stop-RepricingSession -LogPath $root
        $entries = Get-RepricingAuditLog -LogPath $root
        $entries.Status | Should -Be @('START', 'INFO', 'END')
        ($entries.SessionId | Sort-Object -Unique) | Should -Be $start.SessionId
        $end.Message | Should -BeLike 'Session ended for user: *'
        $start.Message | Should -BeLike 'Session started - User: * | Computer: * | PowerShell: *'
    }
}

Describe 'Audit configuration' -Tag 'Audit' {
    AfterEach { Remove-Item Env:REPRICING_AUDIT_PATH -ErrorAction SilentlyContinue }

    It 'resolves the default under the per-user local folder' {
        $c = Get-RepricingAuditConfiguration
        $c.Source | Should -Be 'Default'
        $c.Root | Should -Be (Join-Path $env:XDG_DATA_HOME 'RepricingPS/AuditLog')
        $c.PSObject.TypeNames[0] | Should -Be 'RepricingPS.AuditConfiguration'
    }

    It 'lists the legacy files of a root' {
        (Get-RepricingAuditConfiguration -LogPath $legacy).LegacyFiles.Count | Should -Be 31
    }

    It 'saves nothing with -WhatIf' {
        $target = Join-Path $TestDrive 'configured'
        New-Item -ItemType Directory $target | Out-Null
        Set-RepricingAuditConfiguration -Path $target -WhatIf 6>&1 | Out-Null
        (Get-RepricingAuditConfiguration).Source | Should -Be 'Default'
        Set-RepricingAuditConfiguration -Path $target | Out-Null
        $c = Get-RepricingAuditConfiguration
        ($c.Source, $c.Root) | Should -Be @('Configuration', $target)
    }

    It 'expands $env: references and names an unset variable with AuditPathVariableNotSet' {
        $env:REPRICING_AUDIT_PATH = '%REPRICINGPS_UNSET_VAR%/log'
        { Get-RepricingAuditLog -ErrorAction Stop } | Should -Throw -ErrorId 'AuditPathVariableNotSet,RepricingPS.Commands.GetRepricingAuditLogCommand'
        { Write-RepricingAuditEntry -Script s } | Should -Throw '*REPRICINGPS_UNSET_VAR*'
    }

    It 'refuses a folder that does not exist unless -Force' {
        { Set-RepricingAuditConfiguration -Path (Join-Path $TestDrive 'not-yet') } | Should -Throw -ErrorId 'AuditPathNotFound,RepricingPS.Commands.SetRepricingAuditConfigurationCommand'
    }
}
