# Adversarial review of i15-views (df87ff3; the long-query progress case is in Views.Tests): the [Hidden] Display* properties the views read must not change what a script sees of
# an object. Expected values come from main before the merge (df87ff3^1), where an audit entry had exactly the public
# properties below, through every path: live, Export-Clixml/Import-Clixml, a job's output.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEnvironment.ps1')
    $root = Join-Path $TestDrive 'views-review'
    New-Item -ItemType Directory $root | Out-Null
    Write-RepricingAuditEntry -Script 'Import-RepricingFile' -Status FILE_ERROR -Action 'Import File' -File '/data/in/claims.xlsx' `
        -ErrorType FILE_NOT_FOUND -ErrorMessage 'Could not find file' -LogPath $root
    $entry = @(Get-RepricingError -LogPath $root)[0]
    # The columns of main's Export-Csv of an audit entry (the type's public properties, spec §2).
    $mainColumns = @('Timestamp', 'User', 'Computer', 'Script', 'Status', 'Message', 'Action', 'File', 'ErrorType', 'Error',
        'Details', 'SessionId', 'EntryId', 'PSVersion', 'OS', 'Source', 'IsLegacy', 'IsError')
    $saved = $PSStyle.OutputRendering
}

AfterAll { $PSStyle.OutputRendering = $saved }

Describe 'Display properties after serialization' -Tag 'Views' {
    It 'an entry saved with Export-Clixml and read back exports the same CSV columns as the live entry' {
        $file = Join-Path $TestDrive 'entry.xml'
        $entry | Export-Clixml $file
        $back = Import-Clixml $file
        @(($back | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv).PSObject.Properties.Name) | Should -Be $mainColumns
        @(($back | Select-Object *).PSObject.Properties.Name) | Should -Be $mainColumns
        ($back | ConvertTo-Json -Depth 5) | Should -Not -Match '"Display'
    }

    It 'an entry saved while the console renders ANSI carries no escape code into a CSV later' {
        $PSStyle.OutputRendering = 'Ansi'
        $file = Join-Path $TestDrive 'ansi.xml'
        $entry | Export-Clixml $file
        $PSStyle.OutputRendering = 'PlainText'
        $csv = (Import-Clixml $file | ConvertTo-Csv -NoTypeInformation) -join "`n"
        $csv | Should -Not -Match ([regex]::Escape([string][char]27))
    }

    It 'the entries a job returns export the same CSV columns as main (plus the job''s own PS* columns)' {
        $job = Start-Job -ScriptBlock {
            param($module, $log)
            Import-Module $module
            Get-RepricingError -LogPath $log
        } -ArgumentList $env:REPRICINGPS_TEST_MODULE, $root
        try { $fromJob = @($job | Wait-Job -Timeout 120 | Receive-Job) } finally { $job | Remove-Job -Force }
        $fromJob.Count | Should -Be 1
        $columns = @(($fromJob | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv).PSObject.Properties.Name) |
            Where-Object { $_ -notin 'PSComputerName', 'RunspaceId', 'PSShowComputerName' }
        $columns | Should -Be $mainColumns
    }
}

Describe 'An audit entry serialized by main''s module (a saved Export-Clixml file, a remote session on an older version)' -Tag 'Views' {
    It 'still shows its user, status, action and [file] error in the table view' {
        # What main wrote into a CLIXML file or a remoting stream: the entry's public properties only (no Display*).
        $xml = [System.Management.Automation.PSSerializer]::Serialize($entry) -replace '<(\w+) N="Display\w+"(?: />|>[^<]*</\1>)', ''
        $xml | Should -Not -Match 'N="Display'
        $old = [System.Management.Automation.PSSerializer]::Deserialize($xml)
        $old.PSObject.TypeNames[0] | Should -Be 'Deserialized.RepricingPS.AuditEntry'
        $PSStyle.OutputRendering = 'PlainText'
        $row = (($old | Format-Table | Out-String -Width 200) -split '\r?\n' | Where-Object { $_.Trim() })[2]
        # The view's rules (format.ps1xml): user cut at 10, status word, action cut at 14, [file leaf] and the error.
        $user = $entry.User.Substring(0, [Math]::Min(10, $entry.User.Length))
        $row | Should -Match ([regex]::Escape($user))
        $row | Should -Match 'FILE_ERROR'
        $row | Should -Match 'Import File'
        $row | Should -Match ([regex]::Escape('[claims.xlsx] Could not find file'))
    }
}
