# Start-up (issue 15): a fresh process loads what a command needs when it needs it. Import-Module loads the cmdlets and
# the types only (no RepricingPS.Core, no third-party library, no other PowerShell module); a query loads no workbook or
# database library; a CSV-in, CSV-out repricing loads no workbook library. Each case runs in a fresh pwsh process (what
# is loaded is per process) and prints one JSON line. Times are the bench's business (Build.ps1 -Task Bench), not these.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEnvironment.ps1')
    $sample = New-RepricingSampleData (Join-Path $TestDrive 'sample') -Claims 300 -Seed 11

    function Invoke-Fresh([string] $Name, [string] $Body) {
        $work = New-Item -ItemType Directory (Join-Path $TestDrive $Name)
        Copy-Item $shared (Join-Path $work 'legacy') -Recurse
        $script = @"
param(`$ModulePath, `$Work, `$File1, `$File2)
`$ErrorActionPreference = 'Stop'
# No Join-Path before the import: it would load Microsoft.PowerShell.Management, which the first test looks for.
`$env:REPRICING_AUDIT_PATH = "`$Work/audit"
`$env:REPRICING_SPOOL_PATH = "`$Work/spool"
`$env:XDG_DATA_HOME = "`$Work/xdg"
`$modulesBefore = @(Get-Module | ForEach-Object Name)
Import-Module `$ModulePath
`$newModules = @(Get-Module | ForEach-Object Name | Where-Object { `$modulesBefore -notcontains `$_ })
$Body
[pscustomobject]@{
    Assemblies = @([AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { `$_.GetName().Name } | Sort-Object -Unique)
    NewModules = `$newModules
    Result = `$result
} | ConvertTo-Json -Compress -Depth 3
"@
        $pwshArgs = @('-NoProfile', '-NonInteractive', '-Command',
            "& { $script } '$env:REPRICINGPS_TEST_MODULE' '$($work.FullName)' '$($sample.File1)' '$($sample.File2)'")
        $output = Invoke-TestPwsh $pwshArgs 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0 -Because $output
        $json = ($output -split "`r?`n" | Where-Object { $_ -like '{*' } | Select-Object -Last 1)
        $json | Should -Not -BeNullOrEmpty -Because $output
        $json | ConvertFrom-Json
    }
    $libraries = 'RepricingPS.Core', 'CsvHelper', 'EPPlus', 'ExcelDataReader', 'SpreadCheetah', 'Npgsql'
}

Describe 'Start-up: a fresh process loads what a command needs when it needs it' -Tag 'ColdStart' {
    It 'Import-Module loads the cmdlets and the types, and no library, no Core and no other module' {
        $r = Invoke-Fresh 'import' '$result = $null'
        $r.Assemblies | Should -Contain 'RepricingPS'
        $r.Assemblies | Should -Contain 'RepricingPS.Types'
        foreach ($name in $libraries) { $r.Assemblies | Should -Not -Contain $name -Because 'nothing has run yet' }
        # The root module is plain script: Join-Path there auto-loaded Microsoft.PowerShell.Management on every import.
        @($r.NewModules) | Should -Be @('RepricingPS')
    }

    It 'the support queries (errors, summary, log) on a legacy log load Core and CsvHelper but no workbook or database library' {
        $r = Invoke-Fresh 'query' @'
$log = Join-Path $Work "legacy"
$result = @{
    Errors = @(Get-RepricingError -LogPath $log -Since "2020-01-01" -Until "2030-01-01" -WarningAction SilentlyContinue).Count
    Summary = @(Get-RepricingErrorSummary -LogPath $log -Since "2020-01-01" -Until "2030-01-01" -WarningAction SilentlyContinue).Count
    Entries = @(Get-RepricingAuditLog -LogPath $log -Since "2020-01-01" -Until "2030-01-01" -WarningAction SilentlyContinue).Count
}
# The folder store's file header is built with a CsvWriter: by the first write, not by a query (issue 15).
$core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq "RepricingPS.Core" }
$result.HeaderBuilt = $core.GetType("RepricingPS.Core.Audit.Folder.FolderAuditStore").GetField("CurrentHeader", [Reflection.BindingFlags]"NonPublic,Static").GetValue($null).IsValueCreated
'@
        $r.Result.Errors | Should -BeGreaterThan 0
        $r.Result.Summary | Should -BeGreaterThan 0
        $r.Result.Entries | Should -BeGreaterThan $r.Result.Errors
        $r.Result.HeaderBuilt | Should -Be $false -Because 'a read-only query writes nothing, so it needs no CSV writer'
        $r.Assemblies | Should -Contain 'RepricingPS.Core'
        $r.Assemblies | Should -Contain 'CsvHelper'
        foreach ($name in 'EPPlus', 'ExcelDataReader', 'SpreadCheetah', 'Npgsql') { $r.Assemblies | Should -Not -Contain $name }
    }

    It 'Invoke-Repricing with CSV in and CSV out (no template) loads no workbook library' {
        $r = Invoke-Fresh 'reprice' '$result = (Invoke-Repricing -File1 $File1 -File2 $File2 -OutputDirectory (Join-Path $Work "out") -WarningAction SilentlyContinue).MergedRows'
        $r.Result | Should -BeGreaterThan 0
        foreach ($name in 'EPPlus', 'ExcelDataReader', 'SpreadCheetah', 'Npgsql') { $r.Assemblies | Should -Not -Contain $name }
    }

    It 'Remove-Module RepricingPS removes the binary module it imported and its cmdlets' {
        $r = Invoke-Fresh 'remove' 'Remove-Module RepricingPS; $result = @{ Modules = @(Get-Module -All | Where-Object Name -like "RepricingPS*").Count; Command = [bool](Get-Command Invoke-Repricing -ErrorAction Ignore) }'
        $r.Result.Modules | Should -Be 0
        $r.Result.Command | Should -BeFalse
    }
}
