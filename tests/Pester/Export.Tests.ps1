BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEnvironment.ps1')
    $since = [datetime]'2020-01-01'; $until = [datetime]'2030-01-01'
    $quiet = @{ WarningAction = 'SilentlyContinue' }
}

Describe 'Export-RepricingAuditLog' -Tag 'Support' {
    It 'exports piped errors to a CSV that Import-Csv reads back field for field' {
        $path = Join-Path $TestDrive 'dan.csv'
        $errors = Get-RepricingError -LogPath $shared -User Dan -Since $since -Until $until @quiet
        $errors | Export-RepricingAuditLog $path
        $back = Import-Csv $path
        $back.Count | Should -Be $errors.Count
        $back[0].EntryId | Should -Be $errors[0].EntryId
        $back[0].Status | Should -Be $errors[0].Status
        $back[0].Timestamp | Should -Be $errors[0].Timestamp.ToString('yyyy-MM-dd HH:mm:ss.fff')
        [System.IO.File]::ReadAllBytes($path)[0..2] | Should -Be @(0xEF, 0xBB, 0xBF)
    }

    It 'reads the log with the same filters as Get-RepricingAuditLog' {
        $path = Join-Path $TestDrive 'file-errors.csv'
        Export-RepricingAuditLog $path -LogPath $shared -Status FILE_ERROR -Since $since -Until $until @quiet
        (Import-Csv $path).Count | Should -Be 43    # legacy-audit.expected.json: FILE_ERROR
    }

    It 'guards formula prefixes and refuses to overwrite without -Force' {
        $root = Join-Path $TestDrive 'hostile'
        New-Item -ItemType Directory $root | Out-Null
        Write-RepricingAuditEntry -Script s -Status DATA_ERROR -ErrorMessage '=HYPERLINK("http://evil.example","x")' -LogPath $root
        $path = Join-Path $TestDrive 'hostile.csv'
        Export-RepricingAuditLog $path -LogPath $root
        (Get-Content $path -Raw) | Should -Match ([regex]::Escape('"''=HYPERLINK(""http://evil.example"",""x"")"'))
        { Export-RepricingAuditLog $path -LogPath $root -ErrorAction Stop } | Should -Throw -ErrorId 'OutputExists,RepricingPS.Commands.ExportRepricingAuditLogCommand'
        Export-RepricingAuditLog $path -LogPath $root -Force
        (Import-Csv $path).Error | Should -Be "'=HYPERLINK(""http://evil.example"",""x"")"
    }

    It 'writes nothing with -WhatIf and names a missing folder' {
        $path = Join-Path $TestDrive 'whatif.csv'
        Export-RepricingAuditLog $path -LogPath $shared -Since $since -WhatIf @quiet
        $path | Should -Not -Exist
        { Get-RepricingError -LogPath $shared -Since $since @quiet | Export-RepricingAuditLog (Join-Path $TestDrive 'no/such/x.csv') -ErrorAction Stop } |
            Should -Throw -ErrorId 'ExportFolderNotFound,RepricingPS.Commands.ExportRepricingAuditLogCommand'
    }
}
