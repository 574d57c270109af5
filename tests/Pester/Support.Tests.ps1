BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEnvironment.ps1')
    # A writable copy: reports write a SUPPORT_REPORT entry to the root they read.
    $legacy = Join-Path $TestDrive 'legacy'
    Copy-Item $shared $legacy -Recurse
    $since = [datetime]'2020-01-01'; $until = [datetime]'2030-01-01'
    $quiet = @{ WarningAction = 'SilentlyContinue' }
}

Describe 'Get-RepricingError' -Tag 'Support' {
    It 'returns the whole error set newest first, ERROR and CONFIG_ERROR included' {
        $errors = Get-RepricingError -LogPath $shared -Since $since -Until $until @quiet
        $errors.Count | Should -Be 212
        ($errors | Where-Object Status -eq 'ERROR').Count | Should -Be 78
        ($errors | Where-Object Status -eq 'CONFIG_ERROR').Count | Should -Be 6
        for ($i = 1; $i -lt $errors.Count; $i++) { $errors[$i - 1].Timestamp | Should -BeGreaterOrEqual $errors[$i].Timestamp }
    }

    It 'takes users from the pipeline by value and by property name, exact match only' {
        $byValue = 'dan', 'jordan' | Get-RepricingError -LogPath $shared -Since $since -Until $until @quiet
        ($byValue.User | ForEach-Object { $_.ToLower() } | Sort-Object -Unique) | Should -Be @('dan', 'jordan')
        $byName = [pscustomobject]@{ SamAccountName = 'Daniel' } | Get-RepricingError -LogPath $shared -Since $since -Until $until @quiet
        ($byName.User | Sort-Object -Unique) | Should -Be 'Daniel'
    }

    It 'filters by -Category and limits with -First' {
        $file = Get-RepricingError -LogPath $shared -Since $since -Until $until -Category FILE_ERROR @quiet
        $file.Count | Should -Be 43
        (Get-RepricingError -LogPath $shared -Since $since -Until $until -First 3 @quiet).Count | Should -Be 3
    }

    It 'defaults to the last 7 days' {
        $root = Join-Path $TestDrive 'recent'
        New-Item -ItemType Directory $root | Out-Null
        Write-RepricingAuditEntry -Script s -Status DATA_ERROR -ErrorMessage 'bad date' -LogPath $root
        Copy-Item (Join-Path $shared 'audit_log.csv') $root   # old legacy rows, all before the last 7 days
        $r = Get-RepricingError -LogPath $root @quiet
        $r.Error | Should -Be 'bad date'
    }

    It 'completes -Category values' {
        $line = 'Get-RepricingError -Category FI'
        $c = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $c.CompletionMatches.CompletionText | Should -Contain 'FILE_ERROR'
    }

    It 'is an error with id AuditLogNotFound for a missing root' {
        { Get-RepricingError -LogPath (Join-Path $TestDrive 'gone') } | Should -Throw -ErrorId 'AuditLogNotFound,RepricingPS.Commands.GetRepricingErrorCommand'
    }
}

Describe 'Get-RepricingErrorSummary' -Tag 'Support' {
    It 'summarises the window with the reference counts and reads like a report' {
        $s = Get-RepricingErrorSummary -LogPath $shared -Since $since -Until $until @quiet
        $s.PSObject.TypeNames[0] | Should -Be 'RepricingPS.ErrorSummary'
        $s.ErrorCount | Should -Be 212
        $s.MalformedRows | Should -Be 26
        $s.TotalEntries | Should -Be 1478
        $s.TopScripts.Count | Should -Be 5
        $s.MostRecentErrors.Count | Should -Be 5
        ($s.ErrorsByStatus | Where-Object Status -eq 'ERROR').Count | Should -Be 78
        $text = $s | Out-String -Width 200
        $text | Should -Match 'Errors by status'
        $text | Should -Match 'Most recent errors'
    }

    It 'converts to JSON and its sections export to CSV' {
        $s = Get-RepricingErrorSummary -LogPath $shared -Since $since -Until $until @quiet
        ($s | ConvertTo-Json -Depth 4 | ConvertFrom-Json).ErrorCount | Should -Be 212
        $csv = Join-Path $TestDrive 'users.csv'
        $s.UsersWithErrors | Export-Csv $csv -NoTypeInformation
        @(Import-Csv $csv).Count | Should -Be $s.UsersWithErrors.Count
    }
}

Describe 'Get-UserSupportReport' -Tag 'Support' {
    It 'builds the report, writes text and HTML, and logs SUPPORT_REPORT' {
        $txt = Join-Path $TestDrive 'dan.txt'
        $r = Get-UserSupportReport -User dan -Days 3650 -LogPath $legacy -OutFile $txt @quiet
        $r.PSObject.TypeNames[0] | Should -Be 'RepricingPS.UserSupportReport'
        $r.User | Should -Be 'dan'
        $r.ErrorCount | Should -BeGreaterThan 0
        $r.RecentErrors.Count | Should -BeLessOrEqual 10
        $r.RecentErrors.User | ForEach-Object { $_ | Should -Be 'dan' -Because 'dan never matches Daniel or Jordan' }
        (Get-Content $txt -Raw) | Should -Match 'RepricingPS support report: dan'
        ($r | Out-String -Width 200) | Should -Match 'Recommendations'

        $html = Join-Path $TestDrive 'dan.html'
        Get-UserSupportReport -User dan -Days 3650 -LogPath $legacy -OutFile $html @quiet | Out-Null
        $content = Get-Content $html -Raw
        [xml] $doc = $content -replace '<!DOCTYPE html>', ''
        $doc.html | Should -Not -BeNullOrEmpty
        $content | Should -Match '<svg'
        $content | Should -Not -Match '<script'

        $logged = Get-RepricingAuditLog -LogPath $legacy -Status SUPPORT_REPORT -Days 1
        $logged.Count | Should -Be 2
        $logged[0].Message | Should -BeLike "Support report for dan*generated by $([Environment]::UserName)"
    }

    It 'reports an -OutFile in a missing folder as OutFileFolderNotFound, logs it, and still returns the report' {
        $out = Join-Path $TestDrive 'no-such-folder/r.txt'
        $r = Get-UserSupportReport -User dan -Days 3650 -LogPath $legacy -OutFile $out -ErrorVariable e -ErrorAction SilentlyContinue @quiet
        $e.Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -Be 'OutFileFolderNotFound,RepricingPS.Commands.GetUserSupportReportCommand'
        $e[0].CategoryInfo.Reason | Should -Be 'FILE_ERROR'
        "$($e[0])" | Should -BeLike '*no-such-folder*does not exist*'
        $r.User | Should -Be 'dan'
        (Get-RepricingError -LogPath $legacy -Days 1 -Category FILE_ERROR @quiet | Where-Object ErrorType -eq 'OUTPUT_FOLDER_NOT_FOUND').Count | Should -Be 1
    }

    It 'says Incomplete and names what it skipped when a folder of the root is a link' {
        $root = Join-Path $TestDrive 'incomplete'
        Write-RepricingAuditEntry -Script s -Status FILE_ERROR -ErrorMessage 'boom' -LogPath $root
        $elsewhere = Join-Path $TestDrive 'elsewhere'
        New-Item -ItemType Directory $elsewhere | Out-Null
        New-Item -ItemType SymbolicLink -Path (Join-Path $root 'someone') -Target $elsewhere | Out-Null
        $s = Get-RepricingErrorSummary -LogPath $root -WarningVariable w -WarningAction SilentlyContinue
        $s.Incomplete | Should -BeTrue
        $s.SkippedSources | Should -BeLike '*someone (a link*'
        $s.ErrorCount | Should -Be 1
        "$w" | Should -BeLike '*Skipped*someone*incomplete*'
        $out = Join-Path $TestDrive 'incomplete.html'
        $r = Get-UserSupportReport -User ([Environment]::UserName) -LogPath $root -OutFile $out @quiet
        $r.Incomplete | Should -BeTrue
        Get-Content $out -Raw | Should -BeLike '*INCOMPLETE: skipped*someone*'
    }

    It 'refuses an -OutFile that is neither .txt nor .html' {
        { Get-UserSupportReport -User dan -LogPath $legacy -OutFile (Join-Path $TestDrive 'r.pdf') } | Should -Throw -ErrorId 'InvalidOutFileType,RepricingPS.Commands.GetUserSupportReportCommand'
    }

    It 'writes no file with -WhatIf' {
        $f = Join-Path $TestDrive 'whatif.html'
        $before = @(Get-RepricingAuditLog -LogPath $legacy -Status SUPPORT_REPORT -Days 1).Count
        Get-UserSupportReport -User dan -Days 3650 -LogPath $legacy -OutFile $f -WhatIf @quiet 6>&1 | Out-Null
        Test-Path $f | Should -BeFalse
        @(Get-RepricingAuditLog -LogPath $legacy -Status SUPPORT_REPORT -Days 1).Count | Should -Be $before
    }
}

Describe 'An empty answer that is probably a mistake says so' -Tag 'Support' {
    BeforeAll {
        $copy = Join-Path $TestDrive 'legacy-copy'
        Copy-Item $shared $copy -Recurse
    }

    It 'warns when an exact -User has no entry at all in the window, naming the nearest user seen (a typo of Jordan)' {
        $r = Get-RepricingError -User Jordon -LogPath $copy -Since 2020-01-01 -WarningVariable w -WarningAction SilentlyContinue
        @($r).Count | Should -Be 0
        "$w" | Should -BeLike "*No entries at all for user 'Jordon'*Did you mean 'Jordan'?*"
        Get-RepricingAuditLog -User Jordon -LogPath $copy -Since 2020-01-01 -WarningVariable w2 -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        "$w2" | Should -BeLike "*'Jordon'*Did you mean 'Jordan'?*"
    }

    It 'warns about the misspelt name among several piped in, and not about the ones found' {
        $r = 'Jordon', 'Jordan' | Get-RepricingError -LogPath $copy -Since 2020-01-01 -WarningVariable w -WarningAction SilentlyContinue
        @($r).Count | Should -BeGreaterThan 0
        @($r | Where-Object User -ne 'Jordan').Count | Should -Be 0
        @($w).Count | Should -Be 1
        "$w" | Should -BeLike "*No entries at all for user 'Jordon'*Did you mean 'Jordan'?*"
        $all = Get-RepricingAuditLog -User Jordan, Jordon -LogPath $copy -Since 2020-01-01 -WarningVariable w2 -WarningAction SilentlyContinue
        @($all).Count | Should -BeGreaterThan 0
        @($w2).Count | Should -Be 1
        "$w2" | Should -BeLike "*'Jordon'*Did you mean 'Jordan'?*"
    }

    It 'says nothing of the kind for a user who has entries but no errors, or for a wildcard' {
        Write-RepricingAuditEntry -Status INFO -Message 'all fine' -Script 'Test' -LogPath $copy
        $me = [Environment]::UserName
        Get-RepricingError -User $me -LogPath $copy -Days 1 -WarningVariable w -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        "$w" | Should -Not -BeLike '*No entries at all*'
        Get-RepricingError -User 'Jordo?' -LogPath $copy -Since 2020-01-01 -WarningVariable w2 -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        "$w2" | Should -Not -BeLike '*No entries at all*'
    }

    It 'an error from an old log piped to Get-RepricingAuditLog has no session: a warning, not every entry of its user' {
        $e = Get-RepricingError -User Jordan -LogPath $copy -Since 2020-01-01 -WarningAction SilentlyContinue | Select-Object -First 1
        $e.SessionId | Should -BeNullOrEmpty
        $e | Get-RepricingAuditLog -LogPath $copy -WarningVariable w -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        "$w" | Should -BeLike '*has no session id*'
    }
}
