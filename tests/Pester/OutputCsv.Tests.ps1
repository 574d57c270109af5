# Issue 9: every output type of every cmdlet pipes into Export-Csv / ConvertTo-Csv with readable cells: a collection or
# nested property prints its items ("FILE_ERROR: 5; USER_ERROR: 4"), never a type name such as
# System.Collections.Generic.List`1[...] or RepricingPS.StatusCount.
BeforeDiscovery {
    $script:noServer = -not $env:REPRICING_TEST_POSTGRES
    # Each case: the cmdlet, the output type it declares, and how to get real objects of that type from it.
    $script:cases = @(
        @{ Cmdlet = 'Get-RepricingAuditLog'; Type = 'RepricingPS.AuditEntry'; Get = { Get-RepricingAuditLog -LogPath $legacy @all @quiet | Select-Object -First 20 } }
        @{ Cmdlet = 'Get-RepricingError'; Type = 'RepricingPS.AuditEntry'; Get = { Get-RepricingError -LogPath $legacy @all @quiet | Select-Object -First 20 } }
        @{ Cmdlet = 'Write-RepricingAuditEntry'; Type = 'RepricingPS.AuditEntry'; Get = { Write-RepricingAuditEntry -Script s -Status FILE_ERROR -ErrorMessage 'locked' -File 'a.csv' -LogPath $root -PassThru } }
        @{ Cmdlet = 'Start-RepricingSession'; Type = 'RepricingPS.AuditEntry'; Get = { Start-RepricingSession -Script s -LogPath $root } }
        @{ Cmdlet = 'Stop-RepricingSession'; Type = 'RepricingPS.AuditEntry'; Get = { Start-RepricingSession -Script s -LogPath $root | Out-Null; Stop-RepricingSession -LogPath $root } }
        @{ Cmdlet = 'Get-RepricingErrorSummary'; Type = 'RepricingPS.ErrorSummary'; Get = { Get-RepricingErrorSummary -LogPath $legacy @all @quiet } }
        @{ Cmdlet = 'Get-RepricingErrorSummary -AsTable'; Type = 'RepricingPS.SummaryRow'; Get = { Get-RepricingErrorSummary -LogPath $legacy @all -AsTable @quiet } }
        @{ Cmdlet = 'Get-UserSupportReport'; Type = 'RepricingPS.UserSupportReport'; Get = { Get-UserSupportReport -User Daniel -LogPath $legacy -Days 3650 @quiet } }
        @{ Cmdlet = 'Test-RepricingAuditLog'; Type = 'RepricingPS.IntegrityReport'; Get = { Test-RepricingAuditLog -LogPath $legacy -Days 3650 -ErrorAction SilentlyContinue @quiet } }
        @{ Cmdlet = 'Get-RepricingAuditConfiguration'; Type = 'RepricingPS.AuditConfiguration'; Get = { Get-RepricingAuditConfiguration -LogPath $legacy } }
        @{ Cmdlet = 'Set-RepricingAuditConfiguration'; Type = 'RepricingPS.AuditConfiguration'; Get = { Set-RepricingAuditConfiguration -Path $legacy } }
        @{ Cmdlet = 'Sync-RepricingAuditLog'; Type = 'RepricingPS.SyncResult'; Get = { Sync-RepricingAuditLog -LogPath $root } }
        @{ Cmdlet = 'Remove-RepricingAuditLog'; Type = 'RepricingPS.RemovedLogFile'; Get = { Remove-RepricingAuditLog -OlderThan 30 -LogPath $oldRoot -Force -PassThru } }
        @{ Cmdlet = 'New-RepricingSampleData'; Type = 'RepricingPS.SampleDataSet'; Get = { New-RepricingSampleData (Join-Path $TestDrive 'sample-again') -Claims 20 } }
        @{ Cmdlet = 'Import-RepricingFile'; Type = 'RepricingPS.Core.Repricing.RepricingFile'; Get = { Import-RepricingFile $badClaims -Role File1 -LogPath $root @quiet } }
        @{ Cmdlet = 'Invoke-Repricing'; Type = 'RepricingPS.RepricingResult'; Get = { $repriced } }
        @{ Cmdlet = 'Invoke-RepricingDisruption'; Type = 'RepricingPS.DisruptionResult'; Get = {
                $repriced | Invoke-RepricingDisruption -Kind Tier -OutputDirectory (Join-Path $TestDrive 'disruption') -MediSpan $set.MediSpan -Universal $set.Universal `
                    -Exclusive $set.Exclusive -Network $set.Network -DataAsCsv -LogPath $root @quiet } }
        @{ Cmdlet = 'Export-RepricingLineByLine'; Type = 'RepricingPS.LineByLineResult'; Get = { $repriced | Export-RepricingLineByLine -Format EPLS -OutputDirectory (Join-Path $TestDrive 'lbl') -LogPath $root @quiet } }
        @{ Cmdlet = 'Set-RepricingReferenceConfiguration'; Type = 'RepricingPS.ReferenceConfiguration'; Get = { Set-RepricingReferenceConfiguration -MediSpan $set.MediSpan -Universal $set.Universal } }
        @{ Cmdlet = 'Get-RepricingReferenceConfiguration'; Type = 'RepricingPS.ReferenceConfiguration'; Get = { Get-RepricingReferenceConfiguration } }
        @{ Cmdlet = 'Initialize-RepricingAuditStore'; Type = 'RepricingPS.AuditStoreInitialization'; Server = $true; Get = { Initialize-RepricingAuditStore -ConnectionString $uri -Confirm:$false } }
        @{ Cmdlet = 'Copy-RepricingAuditLog'; Type = 'RepricingPS.AuditCopyResult'; Server = $true; Get = { Copy-RepricingAuditLog -Path $legacy -Destination $uri -Confirm:$false } }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEnvironment.ps1')
    $quiet = @{ WarningAction = 'SilentlyContinue' }
    $all = @{ Since = [datetime]'2020-01-01'; Until = [datetime]'2030-01-01' }
    $legacy = Join-Path $TestDrive 'legacy'
    Copy-Item $shared $legacy -Recurse
    $root = Join-Path $TestDrive 'log'
    New-Item -ItemType Directory $root | Out-Null
    Write-RepricingAuditEntry -Script s -Status FILE_ERROR -ErrorMessage 'locked' -LogPath $root
    # Old day partitions for Remove-RepricingAuditLog.
    $oldRoot = Join-Path $TestDrive 'old'
    Write-RepricingAuditEntry -Script s -Message 'today' -LogPath $oldRoot
    $today = (Get-ChildItem $oldRoot -Recurse -Filter *.csv).FullName
    foreach ($days in 100, 101) {
        $day = (Get-Date).AddDays(-$days)
        $dir = New-Item -ItemType Directory -Force (Join-Path $oldRoot ('{0:yyyy}/{0:MM}' -f $day))
        Copy-Item $today (Join-Path $dir ('{0:yyyy-MM-dd}_old_PC.csv' -f $day))
    }
    $set = New-RepricingSampleData (Join-Path $TestDrive 'sample') -Claims 300
    # Row issues, so the Issues lists have items.
    $badClaims = Join-Path $TestDrive 'bad.csv'
    (Get-Content $set.File1 -TotalCount 4) -replace '^(RX1000001,[^,]*,)[^,]*', '${1}2025-13-40' | Set-Content $badClaims
    $repriced = Invoke-Repricing $set.File1 $set.File2 (Join-Path $TestDrive 'out') -Template $set.Template -Xlsx -LogPath $root @quiet
    if ($env:REPRICING_TEST_POSTGRES) {
        $moduleDir = Split-Path $env:REPRICINGPS_TEST_MODULE
        Add-Type -Path (Join-Path $moduleDir 'bin/Core/Dependencies/Npgsql.dll')
        $admin = [Npgsql.NpgsqlConnectionStringBuilder]::new($env:REPRICING_TEST_POSTGRES)
        $script:db = 'rps_c' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        function Invoke-PgAdmin([string] $Sql) {
            $b = [Npgsql.NpgsqlConnectionStringBuilder]::new($env:REPRICING_TEST_POSTGRES)
            $b.Database = 'postgres'
            $b.Pooling = $false
            $c = [Npgsql.NpgsqlConnection]::new($b.ConnectionString)
            $c.Open()
            try { $cmd = $c.CreateCommand(); $cmd.CommandText = $Sql; $cmd.ExecuteScalar() } finally { $c.Dispose() }
        }
        Invoke-PgAdmin "CREATE DATABASE $db"
        $script:uri = "postgresql://$($admin.Username)@127.0.0.1:$($admin.Port)/$db"
        $env:PGPASSWORD = $admin.Password
    }

    # Issue 15: the views read [Hidden] display properties (DisplayText, DisplayStatus, ...) instead of running script
    # blocks. What a script sees of an object must not change: none of them in a CSV column, a JSON key, Format-List *,
    # Select-Object * or Get-Member (without -Force), while the object still has them for its view.
    function Assert-DisplayPropertiesHidden([object[]] $Objects) {
        $isHidden = { $_.IsDefined([System.Management.Automation.HiddenAttribute], $true) }
        $properties = $Objects[0].GetType().GetProperties()
        $hidden = @($properties | Where-Object $isHidden | ForEach-Object Name)
        $public = @($properties | Where-Object { -not (& $isHidden) } | ForEach-Object Name)
        if ($Objects[0] -is [RepricingPS.AuditEntry]) { $hidden | Should -Contain 'DisplayStatus' }
        $hidden | Where-Object { $_ -notlike 'Display*' } | Should -BeNullOrEmpty -Because 'only display properties are hidden'
        $public | Where-Object { $_ -like 'Display*' } | Should -BeNullOrEmpty -Because 'every display property is hidden'
        @(($Objects | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv | Select-Object -First 1).PSObject.Properties.Name) | Should -Be $public
        @(($Objects[0] | ConvertTo-Json -Depth 1 -WarningAction SilentlyContinue | ConvertFrom-Json).PSObject.Properties.Name) | Should -Be $public
        @(($Objects[0] | Select-Object *).PSObject.Properties.Name) | Should -Be $public
        @($Objects[0] | Get-Member -MemberType Properties | ForEach-Object Name) | Where-Object { $_ -in $hidden } | Should -BeNullOrEmpty
        $list = $Objects[0] | Format-List * | Out-String -Width 300
        foreach ($name in $hidden) {
            $list | Should -Not -Match "(?m)^$name\s+:"
            @($Objects[0] | Get-Member -Force -Name $name).Count | Should -Be 1 -Because 'the views still read it'
        }
    }

    # A cell names a type when it reads like one: System.X or RepricingPS.X (what Export-Csv writes for an object whose
    # ToString is the default), alone or as an item of a "; " list.
    function Get-TypeNameCells([object[]] $Objects) {
        $file = Join-Path $TestDrive ([guid]::NewGuid().ToString('N') + '.csv')
        $Objects | Export-Csv $file -NoTypeInformation
        $rows = @($Objects | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv) + @(Import-Csv $file)
        $rows.Count | Should -Be (2 * $Objects.Count)
        foreach ($row in $rows) {
            foreach ($p in $row.PSObject.Properties) {
                if ("$($p.Value)" -match '(System|RepricingPS)\.[A-Z]') { "$($p.Name) = $($p.Value)" }
            }
        }
    }
}

AfterAll {
    if ($env:REPRICING_TEST_POSTGRES) {
        Remove-Item Env:PGPASSWORD -ErrorAction SilentlyContinue
        Invoke-PgAdmin "DROP DATABASE IF EXISTS $db WITH (FORCE)"
    }
}

Describe 'Output objects through Export-Csv and ConvertTo-Csv' -Tag 'Support' {
    It 'covers every output type every cmdlet declares' {
        $declared = Get-Command -Module RepricingPS -CommandType Cmdlet | ForEach-Object { $c = $_; $c.OutputType | ForEach-Object { "$($c.Name) $($_.Name)" } }
        $covered = $cases | ForEach-Object { "$(($_.Cmdlet -split ' ')[0]) $($_.Type)" }
        $declared | Where-Object { $_ -notin $covered } | Should -BeNullOrEmpty
    }

    It '<Cmdlet> writes <Type> with no type name in any cell and no display property' -ForEach ($cases | Where-Object { -not $_.Server }) {
        $objects = @(& $Get)
        $objects.Count | Should -BeGreaterThan 0
        $objects | ForEach-Object { $_.PSObject.TypeNames -contains $Type } | Should -Not -Contain $false
        Get-TypeNameCells $objects | Should -BeNullOrEmpty
        Assert-DisplayPropertiesHidden $objects
    }

    It '<Cmdlet> writes <Type> with no type name in any cell and no display property (PostgreSQL)' -ForEach ($cases | Where-Object { $_.Server }) -Skip:$noServer {
        $objects = @(& $Get)
        $objects.Count | Should -BeGreaterThan 0
        $objects | ForEach-Object { $_.PSObject.TypeNames -contains $Type } | Should -Not -Contain $false
        Get-TypeNameCells $objects | Should -BeNullOrEmpty
        Assert-DisplayPropertiesHidden $objects
    }

    It 'prints list and nested properties as their items: <Name>' -ForEach @(
        @{ Name = 'ErrorSummary.ErrorsByStatus'; Get = { (Get-RepricingErrorSummary -LogPath $legacy @all @quiet | ConvertTo-Csv | ConvertFrom-Csv).ErrorsByStatus }; Like = '*FILE_ERROR: 43*' }
        @{ Name = 'RepricingResult.OutputFiles'; Get = { ($repriced | ConvertTo-Csv | ConvertFrom-Csv).OutputFiles }; Like = '*_merged_file_with_OR.csv; *Claim Detail.csv; *' }
        @{ Name = 'RepricingResult.NetTotals'; Get = { ($repriced | ConvertTo-Csv | ConvertFrom-Csv).NetTotals }; Like = 'ClaimCount=*; TotalAwp=*; UnpricedClaims=*' }
    ) {
        & $Get | Should -BeLike $Like
    }
}
