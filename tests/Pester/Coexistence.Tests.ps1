# PowerShell 7: the module loads RepricingPS.Core and its libraries into its own AssemblyLoadContext, so another module's
# copy of a shared library (here CsvHelper 33, the module ships 34) loads into the same process in either order and both
# work. Each case runs in a fresh pwsh process (the load order is per process) and prints one JSON line the tests compare.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEnvironment.ps1')
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    & dotnet restore (Join-Path $root 'build/CsvHelper33.proj') --nologo -v quiet
    if ($LASTEXITCODE -ne 0) { throw 'restoring CsvHelper 33 (build/CsvHelper33.proj) failed' }
    $packages = ((dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $csv33 = Join-Path $packages 'csvhelper/33.1.0/lib/net8.0/CsvHelper.dll'
    $csv33 | Should -Exist

    # One run: the import, a repricing with a template, a query; -OtherFirst loads CsvHelper 33 before the module,
    # -OtherAfter after it (and uses it after the module's own CsvHelper has run); neither: the module alone.
    function Invoke-Case([string] $Name, [switch] $OtherFirst, [switch] $OtherAfter) {
        $work = New-Item -ItemType Directory (Join-Path $TestDrive $Name)
        Copy-Item $shared (Join-Path $work 'legacy') -Recurse
        $script = {
            param($ModulePath, $Csv33, $Work, $OtherFirst, $OtherAfter)
            $ErrorActionPreference = 'Stop'
            $env:REPRICING_AUDIT_PATH = Join-Path $Work 'audit'
            $env:REPRICING_SPOOL_PATH = Join-Path $Work 'spool'
            $env:XDG_DATA_HOME = Join-Path $Work 'xdg'
            # CsvHelper 33's API (CsvConfiguration + CsvReader(TextReader, config)), which 34 no longer has.
            function Read-With33 {
                $config = [CsvHelper.Configuration.CsvConfiguration]::new([cultureinfo]::InvariantCulture)
                $reader = [CsvHelper.CsvReader]::new([IO.StringReader]::new("Name,Count`nalpha,3`n"), $config)
                try { $null = $reader.Read(); $null = $reader.ReadHeader(); $null = $reader.Read(); "$($reader.GetField('Name'))=$($reader.GetField('Count'))" }
                finally { $reader.Dispose() }
            }
            if ($OtherFirst) { Add-Type -Path $Csv33 }
            Import-Module $ModulePath
            $sample = New-RepricingSampleData (Join-Path $Work 'sample') -Claims 200 -Seed 7
            $f1 = Import-RepricingFile $sample.File1 -Role File1
            $f2 = Import-RepricingFile $sample.File2 -Role File2
            $r = Invoke-Repricing $f1 $f2 (Join-Path $Work 'out') -Template $sample.Template -WarningAction SilentlyContinue
            $errors = @(Get-RepricingError -LogPath (Join-Path $Work 'legacy') -Since '2020-01-01' -Until '2030-01-01' -WarningAction SilentlyContinue)
            if ($OtherAfter) { Add-Type -Path $Csv33 }
            $other = if ($OtherFirst -or $OtherAfter) { Read-With33 } else { '' }
            $contexts = foreach ($alc in [System.Runtime.Loader.AssemblyLoadContext]::All) {
                foreach ($a in $alc.Assemblies) {
                    $n = $a.GetName()
                    if ($n.Name -match '^(RepricingPS.*|CsvHelper|EPPlus|ExcelDataReader|SpreadCheetah|Npgsql)$') { "$($alc.Name)|$($n.Name)|$($n.Version.Major)" }
                }
            }
            [pscustomobject]@{
                File1Rows = $f1.RowCount; File2Rows = $f2.RowCount; MergedRows = $r.MergedRows; MatchedPairs = $r.MatchedPairs
                TotalAwp = [string] $r.NetTotals.TotalAwp; Outputs = @($r.OutputFiles | ForEach-Object { Split-Path $_ -Leaf } | Sort-Object)
                Errors = $errors.Count; ErrorType = $errors[0].GetType().FullName; ErrorUsers = @($errors.User | Sort-Object -Unique)
                Other = $other; Loaded = @($contexts | Sort-Object -Unique)
            } | ConvertTo-Json -Compress -Depth 3
        }
        $pwshArgs = @('-NoProfile', '-NonInteractive', '-Command',
            "& { $script } '$env:REPRICINGPS_TEST_MODULE' '$csv33' '$($work.FullName)' `$$([bool] $OtherFirst) `$$([bool] $OtherAfter)")
        $output = Invoke-TestPwsh $pwshArgs 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0 -Because $output
        $json = ($output -split "`r?`n" | Where-Object { $_ -like '{*' } | Select-Object -Last 1)
        $json | Should -Not -BeNullOrEmpty -Because $output
        $json | ConvertFrom-Json
    }
}

BeforeDiscovery {
    $script:noServer = -not $env:REPRICING_TEST_POSTGRES
}

Describe 'Coexistence with another CsvHelper (PowerShell 7)' -Tag 'Coexistence', 'Slow' {
    BeforeAll {
        $alone = Invoke-Case 'alone'
    }

    It 'alone: loads RepricingPS.Core and every library into the module''s own context, only the cmdlets and types into the default one' {
        $alone.Loaded | Should -Contain 'Default|RepricingPS|0'
        $alone.Loaded | Should -Contain 'Default|RepricingPS.Types|0'
        $alone.Loaded | Should -Contain 'RepricingPS|RepricingPS.Core|0'
        $alone.Loaded | Should -Contain 'RepricingPS|CsvHelper|34'
        $alone.Loaded | Should -Contain 'RepricingPS|EPPlus|4'
        @($alone.Loaded | Where-Object { $_ -like 'Default|*' -and $_ -notlike 'Default|RepricingPS|*' -and $_ -notlike 'Default|RepricingPS.Types|*' }) | Should -BeNullOrEmpty
        $alone.ErrorType | Should -Be 'RepricingPS.AuditEntry'
        $alone.Errors | Should -BeGreaterThan 0
        $alone.File1Rows | Should -BeGreaterThan 0
        $alone.Outputs | Should -Contain '_Rx Repricing_wf.xlsx'
    }

    It 'CsvHelper 33 first, then the module: the import, the repricing with a template and the query give what they give alone, and 33 still works' {
        $r = Invoke-Case 'other-first' -OtherFirst
        $r.Loaded | Should -Contain 'Default|CsvHelper|33'
        $r.Loaded | Should -Contain 'RepricingPS|CsvHelper|34'
        $r.Other | Should -Be 'alpha=3'
        foreach ($p in 'File1Rows', 'File2Rows', 'MergedRows', 'MatchedPairs', 'TotalAwp', 'Errors', 'ErrorType') { $r.$p | Should -Be $alone.$p -Because $p }
        $r.Outputs | Should -Be $alone.Outputs
        $r.ErrorUsers | Should -Be $alone.ErrorUsers
    }

    It 'the module first, then CsvHelper 33: it loads and its types work, and the module''s results are unchanged' {
        $r = Invoke-Case 'other-after' -OtherAfter
        $r.Loaded | Should -Contain 'Default|CsvHelper|33'
        $r.Loaded | Should -Contain 'RepricingPS|CsvHelper|34'
        $r.Other | Should -Be 'alpha=3'
        foreach ($p in 'File1Rows', 'File2Rows', 'MergedRows', 'MatchedPairs', 'TotalAwp', 'Errors', 'ErrorType') { $r.$p | Should -Be $alone.$p -Because $p }
        $r.Outputs | Should -Be $alone.Outputs
    }
}

Describe 'Npgsql and its dependencies stay in the module''s context (PowerShell 7)' -Tag 'Coexistence', 'Postgres', 'Slow' -Skip:$noServer {
    It 'writes to and queries a PostgreSQL store without loading Npgsql or its abstractions into the default context' {
        $moduleDir = Split-Path $env:REPRICINGPS_TEST_MODULE
        Add-Type -Path (Join-Path $moduleDir 'bin/Core/Dependencies/Npgsql.dll')
        $admin = [Npgsql.NpgsqlConnectionStringBuilder]::new($env:REPRICING_TEST_POSTGRES)
        $admin.Pooling = $false
        $db = 'rps_c' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        function Invoke-Admin([string] $Sql) {
            $c = [Npgsql.NpgsqlConnection]::new($admin.ConnectionString); $c.Open()
            try { $cmd = $c.CreateCommand(); $cmd.CommandText = $Sql; $null = $cmd.ExecuteNonQuery() } finally { $c.Dispose() }
        }
        Invoke-Admin "CREATE DATABASE $db"
        try {
            $uri = "postgresql://$($admin.Username)@127.0.0.1:$($admin.Port)/$db"
            $script = {
                param($ModulePath, $Uri, $Work)
                $ErrorActionPreference = 'Stop'
                $env:REPRICING_SPOOL_PATH = Join-Path $Work 'spool'
                $env:XDG_DATA_HOME = Join-Path $Work 'xdg'
                Import-Module $ModulePath
                $null = Initialize-RepricingAuditStore -ConnectionString $Uri -Confirm:$false
                Write-RepricingAuditEntry -Script 'coexistence' -Status FILE_ERROR -Message 'one error' -LogPath $Uri
                $errors = @(Get-RepricingError -LogPath $Uri -Days 1 -WarningAction SilentlyContinue)
                [pscustomobject]@{
                    Errors = $errors.Count; Message = $errors[0].Message
                    Default = @([System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies | ForEach-Object { $_.GetName().Name } | Where-Object { $_ -like 'Npgsql*' -or $_ -like 'Microsoft.Extensions.*' })
                    Module = @([System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -eq 'RepricingPS' | ForEach-Object { $_.Assemblies } | ForEach-Object { $_.GetName().Name })
                } | ConvertTo-Json -Compress
            }
            $work = New-Item -ItemType Directory (Join-Path $TestDrive 'npgsql')
            $env:PGPASSWORD = $admin.Password
            $output = Invoke-TestPwsh @('-NoProfile', '-NonInteractive', '-Command', "& { $script } '$env:REPRICINGPS_TEST_MODULE' '$uri' '$($work.FullName)'") 2>&1 | Out-String
            $LASTEXITCODE | Should -Be 0 -Because $output
            $r = ($output -split "`r?`n" | Where-Object { $_ -like '{*' } | Select-Object -Last 1) | ConvertFrom-Json
            $r.Errors | Should -Be 1
            $r.Message | Should -Be 'one error'
            $r.Module | Should -Contain 'Npgsql'
            $r.Module | Should -Contain 'Microsoft.Extensions.Logging.Abstractions'
            @($r.Default) | Should -BeNullOrEmpty
        }
        finally {
            Remove-Item Env:PGPASSWORD -ErrorAction SilentlyContinue
            Invoke-Admin "DROP DATABASE IF EXISTS $db WITH (FORCE)"
        }
    }
}

Describe 'A broken install (PowerShell 7)' -Tag 'Coexistence', 'Slow' {
    It 'reports a missing Dependencies/RepricingPS.Core.dll as a load error, without crashing PowerShell' {
        $copy = Join-Path $TestDrive 'broken'
        Copy-Item (Split-Path $env:REPRICINGPS_TEST_MODULE) $copy -Recurse
        Remove-Item (Join-Path $copy 'bin/Core/Dependencies/RepricingPS.Core.dll')
        $command = "try { Import-Module '$(Join-Path $copy 'RepricingPS.psd1')'; Get-RepricingAuditConfiguration -ErrorAction Stop } catch { 'caught: ' + `$_.Exception.Message }"
        $output = Invoke-TestPwsh @('-NoProfile', '-NonInteractive', '-Command', $command) 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0 -Because $output
        $output | Should -BeLike "*caught: Could not load file or assembly 'RepricingPS.Core,*"
    }
}
