BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEnvironment.ps1')
    $root = Join-Path $TestDrive 'views'
    New-Item -ItemType Directory $root | Out-Null
    Write-RepricingAuditEntry -Script 'Import-RepricingFile' -Status FILE_ERROR -Action 'Import File' -File '/data/in/claims.xlsx' `
        -ErrorType FILE_NOT_FOUND -ErrorMessage 'Could not find file' -LogPath $root
    Write-RepricingAuditEntry -Script 'Invoke-Repricing' -Status WARNING -Message 'Unmatched reversals: 3' -LogPath $root
    $errors = @(Get-RepricingError -LogPath $root)
    $all = @(Get-RepricingAuditLog -LogPath $root)
    $plain = @{}
    if (Get-Variable PSStyle -ErrorAction Ignore) { $plain.Saved = $PSStyle.OutputRendering }

    function Invoke-FreshPwsh([string] $Command) {
        # Each line as the child wrote it (stderr lines arrive as ErrorRecords: take their text, not this host's rendering).
        (Invoke-TestPwsh @('-NoProfile', '-NonInteractive', '-Command', $Command) 2>&1 | ForEach-Object { "$_" }) -join [Environment]::NewLine
    }
}

AfterAll {
    if ($plain.ContainsKey('Saved')) { $PSStyle.OutputRendering = $plain.Saved }
}

Describe 'Audit entry views' -Tag 'Views' {
    It 'shows time, user, status, action, file leaf and the error text at <Width> columns' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
        $PSStyle.OutputRendering = 'PlainText'
        $text = $errors | Out-String -Width $Width
        $lines = $text -split "`r?`n" | Where-Object { $_.Trim() }
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual $Width }
        $lines[0] | Should -Match '^Time\s+User\s+Status\s+Action\s+\[File\] Error / Message'
        $text | Should -Match 'FILE_ERROR'
        $text | Should -Match 'Import File'
        # The last column wraps: put its pieces back together to read it as a person does.
        $start = $lines[0].IndexOf('[File]')
        $lastColumn = ($lines | Select-Object -Skip 2 | ForEach-Object { if ($_.Length -gt $start) { $_.Substring($start).TrimEnd() } }) -join ''
        $lastColumn | Should -Match ([regex]::Escape('[claims.xlsx] Could not find file'))
        $text | Should -Not -Match '/data/in'              # the leaf name, not the full path
        $text | Should -Match ([regex]::Escape([Environment]::UserName.Substring(0, [Math]::Min(10, [Environment]::UserName.Length))))
    }

    It 'shows a message without repeating user and computer when there is no error' {
        $PSStyle.OutputRendering = 'PlainText'
        Start-RepricingSession -Script 'Views' -LogPath $root | Out-Null
        Stop-RepricingSession -LogPath $root | Out-Null
        $start = Get-RepricingAuditLog -LogPath $root -Status START
        $text = $start | Out-String -Width 120
        $text | Should -Match 'Session started'
        $text | Should -Not -Match ([regex]::Escape("Computer: $([Environment]::MachineName)"))
    }

    It 'has a Detail list view with every field including Details' {
        $PSStyle.OutputRendering = 'PlainText'
        $text = $errors[0] | Format-List | Out-String -Width 120
        foreach ($name in 'Timestamp', 'Computer', 'Script', 'ErrorType', 'Details', 'SessionId', 'EntryId', 'PSVersion', 'OS', 'Source') {
            $text | Should -Match "(?m)^$name\s+:"
        }
        ($errors[0] | Format-List -View Detail | Out-String -Width 120) | Should -Be $text -Because 'Format-List uses the Detail view'
    }

    It 'serializes every output type''s data and none of its display properties, and shows a deserialized entry as a live one (adversarial review)' {
        # The serialization sets list exactly the public, non-hidden properties (the display ones are computed where shown).
        [xml] $typesXml = Get-Content -Raw (Join-Path (Split-Path $env:REPRICINGPS_TEST_MODULE) 'RepricingPS.types.ps1xml')
        $sets = @{}
        foreach ($t in $typesXml.Types.Type) { $sets[$t.Name] = @($t.Members.MemberSet.Members.PropertySet.ReferencedProperties.Name) }
        $withHidden = [RepricingPS.AuditEntry].Assembly.GetExportedTypes() |
            Where-Object { $_.GetProperties() | Where-Object { $_.IsDefined([System.Management.Automation.HiddenAttribute], $true) } }
        @($withHidden).Count | Should -BeGreaterThan 5
        foreach ($type in $withHidden) {
            $expected = @($type.GetProperties() | Where-Object { -not $_.IsDefined([System.Management.Automation.HiddenAttribute], $true) } | ForEach-Object Name)
            $sets[$type.FullName] | Should -Be $expected -Because "$($type.FullName) crosses processes with its data only"
        }
        # An entry that went through Export-Clixml: no display column in its CSV, and shown as the live entry is.
        $live = Get-RepricingError -LogPath $root -Days 7 | Select-Object -First 1
        $xml = Join-Path $TestDrive 'entry.xml'
        $live | Export-Clixml $xml
        $back = Import-Clixml $xml
        $back.PSObject.TypeNames[0] | Should -Be 'Deserialized.RepricingPS.AuditEntry'
        @($back.PSObject.Properties.Name -like 'Display*').Count | Should -Be 0
        ($back | ConvertTo-Csv -NoTypeInformation | Select-Object -First 1) | Should -Be (($live | ConvertTo-Csv -NoTypeInformation | Select-Object -First 1))
        $PSStyle.OutputRendering = 'PlainText'
        try {
            ($back | Format-Table | Out-String -Width 120) | Should -Be ($live | Format-Table | Out-String -Width 120)
        }
        finally { $PSStyle.OutputRendering = $plain.Saved }
    }

    It 'has no script block in any view that a query, summary, report or repricing shows (issue 15: first display in a fresh console)' {
        $views = [xml](Get-Content -Raw (Join-Path (Split-Path $env:REPRICINGPS_TEST_MODULE) 'RepricingPS.format.ps1xml'))
        # Views of Deserialized.* objects (from a job, a remote session or Import-Clixml) compute their columns in script.
        $withScript = $views.Configuration.ViewDefinitions.View |
            Where-Object { $_.OuterXml -match '<ScriptBlock>' -and $_.ViewSelectedBy.TypeName -notlike 'Deserialized.*' } | ForEach-Object Name
        # Import-RepricingFile's table still counts columns and issues in script: RepricingFile lives in Core, which
        # references no PowerShell assembly for [Hidden] (see README, performance).
        $withScript | Should -Be @('RepricingPS.RepricingFile')
    }

    It 'does not load Microsoft.PowerShell.Utility to show an audit entry in a fresh process' {
        $out = Invoke-FreshPwsh "Import-Module '$($env:REPRICINGPS_TEST_MODULE)'; Get-RepricingAuditLog -LogPath '$root' | Out-Host; (Get-Module).Name -join ','"
        $out | Should -Match 'FILE_ERROR'
        ($out -split "`r?`n")[-1] | Should -Not -Match 'Microsoft.PowerShell.Utility'
    }

    It 'shows no progress bar for a query that ends in a blink (issue 15: progress only after a second of work)' {
        $ps = [powershell]::Create()
        try {
            [void]$ps.AddScript("Import-Module '$($env:REPRICINGPS_TEST_MODULE)'; Get-RepricingAuditLog -LogPath '$root' -Days 1; Get-RepricingErrorSummary -LogPath '$root' -Days 1")
            $out = $ps.Invoke()
            $out.Count | Should -BeGreaterThan 1
            $ps.Streams.Progress.Count | Should -Be 0
        } finally { $ps.Dispose() }
    }

    It 'shows progress at once for a query of one large legacy file, and ends the bar (adversarial review)' {
        # 9 MB of the old program's rows: one file, so one update before it is read, however long the read takes.
        $big = Join-Path $TestDrive 'big-legacy'
        New-Item -ItemType Directory $big | Out-Null
        $row = (Get-Date).AddDays(-1).ToString('yyyy-MM-dd HH:mm:ss', [cultureinfo]::InvariantCulture) + ',ann,old.py,' + ('x' * 200) + ",INFO`r`n"
        $sb = [Text.StringBuilder]::new("Timestamp,User,Script,Message,Status`r`n")
        while ($sb.Length -lt 9MB) { [void]$sb.Append($row) }
        [IO.File]::WriteAllText((Join-Path $big 'audit_log.csv'), $sb.ToString())
        $ps = [powershell]::Create()
        try {
            [void]$ps.AddScript("Import-Module '$($env:REPRICINGPS_TEST_MODULE)'; Get-RepricingError -LogPath '$big' -Days 7")
            [void]$ps.Invoke()
            $records = @($ps.Streams.Progress)
            $records.Count | Should -BeGreaterThan 1
            $records[0].StatusDescription | Should -BeLike 'File 1: *audit_log.csv'
            $records[-1].RecordType | Should -Be 'Completed'
        } finally { $ps.Dispose() }
    }

    It 'colours errors red and warnings yellow where the host renders ANSI' {
        $PSStyle.OutputRendering = 'Ansi'
        $text = $all | Out-String -Width 120
        $text | Should -Match ([regex]::Escape($PSStyle.Foreground.BrightRed + 'FILE_ERROR'))
        $text | Should -Match ([regex]::Escape($PSStyle.Foreground.Yellow + 'WARNING'))
    }

    It 'does not colour the status when the output is redirected' {
        $out = Invoke-FreshPwsh "Import-Module '$($env:REPRICINGPS_TEST_MODULE)'; Get-RepricingAuditLog -LogPath '$root'"
        $out | Should -Match 'FILE_ERROR'
        $out | Should -Not -Match ([regex]::Escape($PSStyle.Foreground.BrightRed))
        $out | Should -Not -Match ([regex]::Escape($PSStyle.Foreground.Yellow))
    }

    It 'writes no escape codes at all into a scheduled task''s redirected output' {
        $script = (Resolve-Path (Join-Path $PSScriptRoot '../../examples/Invoke-ScheduledRepricing.ps1')).Path
        $in = Join-Path $TestDrive 'empty-in'
        New-Item -ItemType Directory $in | Out-Null
        $out = Invoke-FreshPwsh "& '$script' -InputDirectory '$in' -OutputDirectory '$TestDrive/o' -LogPath '$root' -ModulePath '$($env:REPRICINGPS_TEST_MODULE)'; Get-RepricingError -LogPath '$root' -First 1"
        $out | Should -Match 'Expected exactly one'
        $out | Should -Not -Match "`e\["
    }
}
