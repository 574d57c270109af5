BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEnvironment.ps1')
}

Describe 'Legacy log index (issue 15)' {
    BeforeEach {
        $root = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $root | Out-Null
        $now = Get-Date
        $rows = foreach ($h in 0..199) {
            '{0:yyyy-MM-dd HH:mm:ss},ann,x.py,row {1},{2}' -f $now.AddHours(-$h * 2), $h, $(if ($h % 3 -eq 0) { 'USER_ERROR' } else { 'INFO' })
        }
        [IO.File]::WriteAllText((Join-Path $root 'audit_log.csv'), "Timestamp,User,Script,Message,Status`r`n" + ($rows -join "`r`n") + "`r`nbroken row`r`n")
        $index = Join-Path $env:XDG_DATA_HOME 'RepricingPS/LegacyIndex'
    }

    It 'keeps the index in the per-user folder, never in the log folder, and answers the same with it' {
        $first = Get-RepricingError -LogPath $root -User ann -Days 7 -WarningAction SilentlyContinue
        @(Get-ChildItem $index -Filter '*.idx').Count | Should -Be 1
        @(Get-ChildItem $root -Recurse -File).Name | Should -Be @('audit_log.csv')
        $second = Get-RepricingError -LogPath $root -User ann -Days 7 -WarningAction SilentlyContinue
        # By hand: rows every 2 hours, 7 days = rows 0..83, errors where h % 3 == 0: 28 of them.
        $first.Count | Should -Be 28
        ($second | ForEach-Object EntryId) | Should -Be ($first | ForEach-Object EntryId)
        (Get-RepricingErrorSummary -LogPath $root -Days 7 -WarningAction SilentlyContinue).MalformedRows | Should -Be 1
    }

    It 'treats a corrupt index as no index: no error, same answer' {
        $before = Get-RepricingError -LogPath $root -User ann -Days 7 -WarningAction SilentlyContinue
        Get-ChildItem $index -Filter '*.idx' | ForEach-Object { [IO.File]::WriteAllText($_.FullName, 'garbage') }
        $after = Get-RepricingError -LogPath $root -User ann -Days 7 -WarningAction SilentlyContinue -ErrorVariable errs
        $errs.Count | Should -Be 0
        ($after | ForEach-Object EntryId) | Should -Be ($before | ForEach-Object EntryId)
    }
}
