<#
.SYNOPSIS
    The one entry point of RepricingPS: Build, Test, Demo, Bench, Package, Clean.
.EXAMPLE
    dotnet tool restore; dotnet pwsh -NoProfile -File ./Build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Clean')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    # Rows of the generated legacy log for the read benchmark (and the PostgreSQL copy-in benchmark).
    [int] $BenchRows = 1000000,
    # Entries in the PostgreSQL store benchmark's database (central-store.md §5: 10,000,000).
    [long] $BenchEntries = 10000000,
    # Which benchmarks -Task Bench runs: all of them, or only the disruption / line-by-line ones, or only the PostgreSQL
    # store section (it still generates the legacy log it copies in), or only the cold-start section (fresh processes),
    # or the ReadyToRun experiment (not shipped, not in All: README, Performance), or only the PostgreSQL writers of this
    # tree beside a baseline commit (bench/Compare-PostgresWriters.ps1; not part of All), or only the repricing runs
    # (250,000 / 500,000 / 1,000,000 claims, CSV in and out, and the 1,000,000-claim stage profile; issue 15).
    [ValidateSet('All', 'Disruption', 'Postgres', 'ColdStart', 'ReadyToRun', 'PostgresWriters', 'Repricing')]
    [string] $BenchPart = 'All',
    # Cold-start section only: another build of the module (e.g. main's out/RepricingPS/RepricingPS.psd1) measured in
    # the same rounds, for an old-vs-new comparison from one run.
    [string] $BenchBaselineModule
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'RepricingPS'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Invoke-Native {
    param([string] $What, [scriptblock] $Command)
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)." }
}

# What each edition's folder ships. Anything else the publish step produces is an error until it is
# listed here or in $notShipped, so a new dependency is always a decision.
# PowerShell 7 (bin/Core): the cmdlets and the types that cross into PowerShell stay beside the manifest's binary, in the
# default load context; RepricingPS.Core and every third-party library go to bin/Core/Dependencies, which PowerShell does
# not probe, and load into the module's own AssemblyLoadContext (src/RepricingPS/ModuleLoadContext.cs). Windows
# PowerShell 5.1 (bin/Desktop) keeps one flat folder and its AssemblyResolve handler.
$defaultContext = @('RepricingPS.dll', 'RepricingPS.Types.dll')
$shared = $defaultContext + @(
    'RepricingPS.Core.dll', 'CsvHelper.dll', 'EPPlus.dll', 'ExcelDataReader.dll', 'SpreadCheetah.dll',
    'Microsoft.Extensions.Configuration.dll', 'Microsoft.Extensions.Configuration.Abstractions.dll',
    'Microsoft.Extensions.Configuration.FileExtensions.dll', 'Microsoft.Extensions.Configuration.Json.dll',
    'Microsoft.Extensions.FileProviders.Abstractions.dll', 'Microsoft.Extensions.FileProviders.Physical.dll',
    'Microsoft.Extensions.FileSystemGlobbing.dll', 'Microsoft.Extensions.Primitives.dll',
    'System.Drawing.Common.dll', 'System.Security.Cryptography.Pkcs.dll', 'System.Xml.XPath.XmlDocument.dll',
    # Npgsql 8 (the PostgreSQL audit store) and the abstractions it is built against.
    'Npgsql.dll', 'Microsoft.Extensions.Logging.Abstractions.dll', 'Microsoft.Extensions.DependencyInjection.Abstractions.dll'
)
$shipped = @{
    'net8.0'         = $shared + @('Microsoft.Win32.SystemEvents.dll')
    # .NET Framework 4.x (Windows PowerShell 5.1) needs the netstandard2.0 facades and polyfills too.
    'netstandard2.0' = $shared + @(
        'Microsoft.Bcl.AsyncInterfaces.dll', 'Microsoft.Bcl.Memory.dll', 'System.Buffers.dll', 'System.Collections.Concurrent.dll',
        'System.Collections.NonGeneric.dll', 'System.Collections.Specialized.dll', 'System.ComponentModel.dll',
        'System.ComponentModel.Primitives.dll', 'System.ComponentModel.TypeConverter.dll', 'System.Data.Common.dll',
        'System.Formats.Asn1.dll', 'System.IO.FileSystem.Primitives.dll', 'System.Linq.dll', 'System.Memory.dll',
        'System.Numerics.Vectors.dll', 'System.Reflection.TypeExtensions.dll', 'System.Runtime.CompilerServices.Unsafe.dll',
        'System.Runtime.Numerics.dll', 'System.Security.Claims.dll', 'System.Security.Cryptography.Cng.dll',
        'System.Security.Cryptography.OpenSsl.dll', 'System.Security.Cryptography.Primitives.dll',
        'System.Security.Principal.dll', 'System.Text.Encoding.CodePages.dll', 'System.Text.Encodings.Web.dll',
        'System.Text.Json.dll', 'System.Text.RegularExpressions.dll', 'System.Threading.dll',
        'System.Threading.Tasks.Extensions.dll', 'System.Xml.ReaderWriter.dll', 'System.Xml.XPath.dll',
        'System.Xml.XmlDocument.dll',
        # Npgsql 8's netstandard2.0 dependencies.
        'Microsoft.Bcl.HashCode.dll', 'System.Collections.Immutable.dll', 'System.Diagnostics.DiagnosticSource.dll',
        'System.Threading.Channels.dll'
    )
}
$notShipped = @('*.pdb', '*.xml', '*.deps.json')
$editionFolder = @{ 'net8.0' = 'Core'; 'netstandard2.0' = 'Desktop' }
# Where an allow-listed file goes inside its edition's folder.
function Get-ShippedSubfolder([string] $tfm, [string] $name) {
    if ($tfm -eq 'net8.0' -and $defaultContext -notcontains $name) { 'Dependencies' } else { '' }
}

function Get-Version {
    [xml] $props = Get-Content (Join-Path $root 'Directory.Build.props')
    $v = @($props.SelectNodes('/Project/PropertyGroup/Version') | ForEach-Object { $_.InnerText } | Where-Object { $_ })[0]
    if (-not $v) { throw 'No <Version> in Directory.Build.props.' }
    $v
}

function Invoke-Build {
    $version = Get-Version
    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    New-Item -ItemType Directory -Path $moduleOut | Out-Null
    foreach ($tfm in 'net8.0', 'netstandard2.0') {
        $publish = Join-Path $out "publish/$tfm"
        if (Test-Path $publish) { Remove-Item $publish -Recurse -Force }
        Invoke-Native "dotnet publish ($tfm)" {
            dotnet publish (Join-Path $root 'src/RepricingPS/RepricingPS.csproj') -c $Configuration -f $tfm -o $publish --nologo -v quiet -clp:NoSummary
        }
        $target = Join-Path $moduleOut "bin/$($editionFolder[$tfm])"
        New-Item -ItemType Directory -Path $target | Out-Null
        $allowed = $shipped[$tfm]
        foreach ($file in Get-ChildItem $publish -File) {
            if ($allowed -contains $file.Name) {
                $folder = Join-Path $target (Get-ShippedSubfolder $tfm $file.Name)
                New-Item -ItemType Directory -Path $folder -Force | Out-Null
                Copy-Item $file.FullName $folder
                continue
            }
            if (@($notShipped | Where-Object { $file.Name -like $_ }).Count -gt 0) { continue }
            throw "Unexpected file '$($file.Name)' in the $tfm publish output: add it to the allow-list in Build.ps1 (or to `$notShipped) on purpose."
        }
        foreach ($name in $allowed) {
            if (-not (Test-Path (Join-Path (Join-Path $target (Get-ShippedSubfolder $tfm $name)) $name))) { throw "'$name' is on the $tfm allow-list but was not produced by publish." }
        }
    }
    # Get-Help from the cmdlets' metadata and XML comments, generated in a fresh process (it loads the built module).
    $helpFiles = @('Core', 'Desktop') | ForEach-Object { Join-Path $moduleOut "bin/$_/RepricingPS.dll-Help.xml" }
    $manifestForHelp = Join-Path $out 'help-module'
    if (Test-Path $manifestForHelp) { Remove-Item $manifestForHelp -Recurse -Force }
    Copy-Item (Join-Path $moduleOut 'bin/Core') $manifestForHelp -Recurse
    Invoke-Native 'generate help' {
        dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'build/New-MamlHelp.ps1') -ModulePath (Join-Path $manifestForHelp 'RepricingPS.dll') `
            -XmlDocPath (Join-Path $out 'publish/net8.0/RepricingPS.xml') -OutFile ($helpFiles -join '|')
    }
    Remove-Item $manifestForHelp -Recurse -Force
    foreach ($name in 'RepricingPS.psm1', 'RepricingPS.format.ps1xml', 'RepricingPS.types.ps1xml', 'en-US') {
        Copy-Item (Join-Path $root "module/$name") $moduleOut -Recurse
    }
    # Licence and notices ship inside the module (and so inside the package); EPPlus's LGPL text comes from its package.
    Copy-Item (Join-Path $root 'LICENSE'), (Join-Path $root 'THIRD-PARTY-NOTICES.md') $moduleOut
    $licenses = New-Item -ItemType Directory -Path (Join-Path $moduleOut 'licenses')
    Copy-Item (Join-Path (Get-NuGetPackagesPath) 'epplus/4.5.3.3/lgpl-3.0.txt') (Join-Path $licenses 'EPPlus-LGPL-3.0.txt')
    $manifest = Get-Content (Join-Path $root 'module/RepricingPS.psd1') -Raw
    $manifest = $manifest -replace "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion        = '$version'"
    Set-Content -Path (Join-Path $moduleOut 'RepricingPS.psd1') -Value $manifest -Encoding utf8
    $info = Test-ModuleManifest -Path (Join-Path $moduleOut 'RepricingPS.psd1')
    if ($info.Version -ne [version] $version) { throw "Manifest version $($info.Version) is not $version." }
    Write-Host "Built $moduleOut (version $version)"
}

function Get-NuGetPackagesPath {
    ((dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
}

function Get-PesterPath {
    # The one pin of Pester's version is build/Pester.proj's PackageDownload; read it from there.
    $proj = Join-Path $root 'build/Pester.proj'
    $pin = ([xml] (Get-Content $proj -Raw)).SelectSingleNode("/Project/ItemGroup/PackageDownload[@Include='Pester']")
    if (-not $pin -or $pin.Version -notmatch '^\[([^\],]+)\]$') { throw "No exact Pester version ([x.y.z]) in $proj." }
    $version = $Matches[1]
    Invoke-Native 'restore Pester' { dotnet restore $proj --nologo -v quiet }
    $psd1 = Join-Path (Get-NuGetPackagesPath) "pester/$version/tools/Pester.psd1"
    if (-not (Test-Path $psd1)) { throw "Pester was not restored to $psd1." }
    $psd1
}

# out/RepricingPS.<version>.nupkg: the assembled module as a package for a PowerShell repository
# (a file share or feed; Publish-PSResource -NupkgPath, then Install-PSResource / Save-PSResource).
function Invoke-Package {
    Invoke-Build
    Get-ChildItem $out -Filter 'RepricingPS.*.nupkg' | Remove-Item -Force
    Compress-PSResource -Path $moduleOut -DestinationPath $out
    $nupkg = Join-Path $out "RepricingPS.$(Get-Version).nupkg"
    if (-not (Test-Path $nupkg)) { throw "Compress-PSResource did not write $nupkg." }
    Write-Host "Packaged $nupkg"
}

function Invoke-Test {
    Invoke-Package
    $results = Join-Path $out 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    New-Item -ItemType Directory -Path $results | Out-Null

    # The PostgreSQL tests run against a real, throwaway cluster (build/TestPostgres.ps1), stopped and deleted in the
    # finally below whatever happens. Without server binaries those tests report Skipped, never Passed.
    . (Join-Path $root 'build/TestPostgres.ps1')
    $cluster = $null
    try {
        $cluster = Start-TestPostgres
        if ($cluster) {
            $env:REPRICING_TEST_POSTGRES = Get-TestPostgresConnectionString $cluster
            Write-Host "PostgreSQL test server: $($cluster.Bin) on 127.0.0.1:$($cluster.Port)"
        }
        else {
            Remove-Item Env:REPRICING_TEST_POSTGRES -ErrorAction SilentlyContinue
            Write-Warning 'No PostgreSQL server binaries found: the PostgreSQL store tests are reported as skipped. Install them with: apt-get install postgresql (Debian/Ubuntu; .ci/run does this).'
        }
        # xunit, against Core.
        & dotnet test (Join-Path $root 'tests/RepricingPS.Core.Tests/RepricingPS.Core.Tests.csproj') -c $Configuration --nologo `
            --logger 'trx;LogFileName=xunit.trx' --results-directory $results -v quiet
        $xunitExit = $LASTEXITCODE
        $trx = Join-Path $results 'xunit.trx'
        if (-not (Test-Path $trx)) { throw "xunit wrote no results (exit code $xunitExit)." }
        [xml] $x = Get-Content $trx
        $counters = $x.TestRun.ResultSummary.Counters
        $xPassed = [int] $counters.passed
        $xFailed = [int] $counters.failed + [int] $counters.error + [int] $counters.timeout + [int] $counters.aborted
        # A skipped xunit test (e.g. a browser test where no browser is installed) is a result with outcome NotExecuted;
        # the trx counters do not count it anywhere, so count the results themselves.
        $xSkipped = @($x.TestRun.Results.UnitTestResult | Where-Object { $_.outcome -eq 'NotExecuted' }).Count

        # Pester, in a fresh process against out/RepricingPS only.
        $pester = Get-PesterPath
        $pesterResult = Join-Path $results 'pester.json'
        Invoke-Native 'restore tools' { dotnet tool restore }
        & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tests/Pester/Invoke-PesterSuite.ps1') `
            -PesterPath $pester -ModulePath (Join-Path $moduleOut 'RepricingPS.psd1') -ResultPath $pesterResult
        if (-not (Test-Path $pesterResult)) { throw "Pester wrote no results (exit code $LASTEXITCODE)." }
        $p = Get-Content $pesterResult -Raw | ConvertFrom-Json
    }
    finally {
        Stop-TestPostgres $cluster
        Remove-Item Env:REPRICING_TEST_POSTGRES -ErrorAction SilentlyContinue
    }

    $pSkipped = if ($p.PSObject.Properties['Skipped']) { [int] $p.Skipped } else { 0 }
    $passed = $xPassed + [int] $p.Passed
    $failed = $xFailed + [int] $p.Failed
    $skipped = $xSkipped + $pSkipped
    Write-Host "xunit: $xPassed passed, $xFailed failed, $xSkipped skipped; Pester: $($p.Passed) passed, $($p.Failed) failed, $pSkipped skipped"
    Write-Output "Tests: $passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0 -or $xunitExit -ne 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    Invoke-Native 'restore tools' { dotnet tool restore }
    Invoke-Native 'demo' {
        dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'examples/Invoke-Demo.ps1') -ModulePath (Join-Path $moduleOut 'RepricingPS.psd1') -OutputDirectory (Join-Path $out 'demo')
    }
}

function Invoke-DisruptionBench([string] $benchOut, [string] $benchDll) {
    # Data-sheet writers compared on the same rows, each in a fresh process (time and peak memory).
    $writersTxt = Join-Path $benchOut 'disruption-writers.txt'
    Set-Content $writersTxt 'Data sheet writers: the same rows x 26 cells (text, numbers, dates), one fresh process each'
    foreach ($mode in 'spreadcheetah', 'epplus-arrays', 'epplus-cells') {
        Invoke-Native "writer $mode" { dotnet $benchDll writer $mode 200000 $benchOut $writersTxt }
    }
    $data = Join-Path $benchOut 'disruption-data'
    foreach ($n in 200000, 500000, 1000000) {
        Invoke-Native "generate $n disruption claims" { dotnet $benchDll gen-disruption (Join-Path $data "claims-$n") $n }
    }
    Invoke-Native 'restore tools' { dotnet tool restore }
    $disruptionTxt = Join-Path $benchOut 'disruption.txt'
    Invoke-Native 'disruption benchmark' {
        dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'bench/Measure-Disruption.ps1') -ModulePath (Join-Path $moduleOut 'RepricingPS.psd1') `
            -DataRoot $data -ResultPath $disruptionTxt
    }
    Remove-Item $data -Recurse -Force
    Get-Content $writersTxt, $disruptionTxt
}

# Repricing, CSV in and out, as Invoke-Repricing -File1 path -File2 path runs it (the files read inside the run), one fresh
# process per N (data generated beforehand), and the 1,000,000-claim run stage by stage; results in $repriceTxt.
function Invoke-RepricingBench([string] $benchDll, [string] $benchOut, [string] $repriceTxt) {
    Set-Content $repriceTxt 'Repricing benchmark: Invoke-Repricing core with File1/File2 paths, CSV in and out, one fresh process per N (data generated beforehand)'
    foreach ($n in 250000, 500000, 1000000) {
        $data = Join-Path $benchOut "repricing-$n"
        Invoke-Native "generate $n claims" { dotnet $benchDll gen $data $n }
        Invoke-Native "reprice $n claims" { dotnet $benchDll reprice $data $repriceTxt }
        # Issue 15: where the largest run spends its time, stage by stage (import, merge, match, cell text, each output),
        # with the bytes allocated and the collections of each stage.
        if ($n -eq 1000000) { Invoke-Native "profile $n claims" { dotnet $benchDll reprice-profile $data $repriceTxt } }
        Remove-Item $data -Recurse -Force
    }
}

function Invoke-Bench {
    Invoke-Build
    $benchOut = Join-Path $out 'bench'
    New-Item -ItemType Directory -Path $benchOut -Force | Out-Null
    Invoke-Native 'build bench' { dotnet build (Join-Path $root 'bench/RepricingPS.Bench/RepricingPS.Bench.csproj') -c Release --nologo -v quiet -clp:NoSummary }
    $benchDll = Join-Path $root 'bench/RepricingPS.Bench/bin/Release/net10.0/RepricingPS.Bench.dll'
    if ($BenchPart -eq 'Disruption') { Invoke-DisruptionBench $benchOut $benchDll; return }
    if ($BenchPart -eq 'PostgresWriters') {
        Invoke-Native 'PostgreSQL writers, side by side' { dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'bench/Compare-PostgresWriters.ps1') -ResultPath (Join-Path $benchOut 'postgres-writers.txt') }
        return
    }
    if ($BenchPart -eq 'ColdStart') { Invoke-ColdStartBench $benchDll $benchOut; return }
    $repriceTxt = Join-Path $benchOut 'repricing.txt'
    if ($BenchPart -eq 'Repricing') { Invoke-RepricingBench $benchDll $benchOut $repriceTxt; Get-Content $repriceTxt; return }
    if ($BenchPart -eq 'ReadyToRun') { Invoke-ColdStartBench $benchDll $benchOut -ReadyToRun; return }
    if ($BenchPart -eq 'Postgres') {
        Invoke-Native 'generate legacy log' { dotnet $benchDll legacy (Join-Path $benchOut 'legacy-root') $BenchRows }
        Invoke-PostgresBench $benchDll $benchOut
        return
    }
    Invoke-Native 'write benchmark' { dotnet $benchDll write (Join-Path $benchOut 'write-root') (Join-Path $benchOut 'write.txt') 10000 }
    Invoke-RepricingBench $benchDll $benchOut $repriceTxt
    $xlsx = Join-Path $benchOut 'claims-100k.xlsx'
    Invoke-Native 'generate 100,000-row workbook' { dotnet $benchDll gen-xlsx $xlsx 100000 }
    Invoke-Native 'import 100,000-row workbook' { dotnet $benchDll import-xlsx $xlsx $repriceTxt }
    Invoke-Native 'import 100,000-row workbook with EPPlus (the former reader), for comparison' { dotnet $benchDll import-xlsx-epplus $xlsx $repriceTxt }
    Invoke-Native 'concurrency benchmark' { dotnet $benchDll concurrency (Join-Path $benchOut 'concurrency-root') (Join-Path $benchOut 'concurrency.txt') }
    Invoke-Native 'generate legacy log' { dotnet $benchDll legacy (Join-Path $benchOut 'legacy-root') $BenchRows }
    Invoke-Native 'generate new-format store' { dotnet $benchDll store (Join-Path $benchOut 'store-root') $BenchRows }
    Invoke-Native 'restore tools' { dotnet tool restore }
    Invoke-Native 'read benchmark' {
        dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'bench/Measure-Read.ps1') -ModulePath (Join-Path $moduleOut 'RepricingPS.psd1') `
            -LogRoot (Join-Path $benchOut 'legacy-root') -StoreRoot (Join-Path $benchOut 'store-root') -ResultPath (Join-Path $benchOut 'read.txt')
    }
    Invoke-ColdStartBench $benchDll $benchOut
    Invoke-PostgresBench $benchDll $benchOut
    Get-Content (Join-Path $benchOut 'write.txt'), (Join-Path $benchOut 'concurrency.txt'), (Join-Path $benchOut 'read.txt'), $repriceTxt, (Join-Path $benchOut 'cold-start.txt')
    Invoke-DisruptionBench $benchOut $benchDll
}

# Cold start (issue 15): Import-Module, the first support queries on the 1,000,000-row legacy log and a 10,000-claim
# CSV repricing, each a fresh process beside the floor (pwsh -Command exit) measured in the same rounds
# (bench/Measure-ColdStart.ps1). Results in out/bench/cold-start.txt.
# -ReadyToRun: the same, for a copy of the module precompiled for this machine (bench/Measure-ReadyToRun.ps1), against
# the module as built; results in out/bench/readytorun.txt.
function Invoke-ColdStartBench([string] $benchDll, [string] $benchOut, [switch] $ReadyToRun) {
    $legacy = Join-Path $benchOut 'legacy-root'
    if (-not (Test-Path (Join-Path $legacy 'audit_log.csv'))) {
        Invoke-Native 'generate legacy log' { dotnet $benchDll legacy $legacy $BenchRows }
    }
    $data = Join-Path $benchOut 'coldstart-claims-10000'
    Invoke-Native 'generate 10,000 claims' { dotnet $benchDll gen $data 10000 }
    Invoke-Native 'restore tools' { dotnet tool restore }
    $result = Join-Path $benchOut 'cold-start.txt'
    $baseline = if ($BenchBaselineModule) { @('-BaselineModulePath', $BenchBaselineModule) } else { @() }
    try {
        if ($ReadyToRun) {
            Invoke-Native 'ReadyToRun experiment' {
                dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'bench/Measure-ReadyToRun.ps1') -ModulePath (Join-Path $moduleOut 'RepricingPS.psd1') `
                    -LegacyRoot $legacy -RepricingData $data -ResultPath (Join-Path $benchOut 'readytorun.txt')
            }
            return
        }
        Invoke-Native 'cold-start benchmark' {
            dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'bench/Measure-ColdStart.ps1') -ModulePath (Join-Path $moduleOut 'RepricingPS.psd1') `
                -LegacyRoot $legacy -RepricingData $data -ResultPath $result @baseline
        }
    }
    finally {
        Remove-Item $data -Recurse -Force -ErrorAction Ignore
    }
}

# The central store (central-store.md §5) on a throwaway cluster with fsync on (committed means on disk), always
# stopped and deleted afterwards. Results in out/bench/postgres.txt, beside the folder store's in the same run.
function Invoke-PostgresBench([string] $benchDll, [string] $benchOut) {
    . (Join-Path $root 'build/TestPostgres.ps1')
    $result = Join-Path $benchOut 'postgres.txt'
    $cluster = $null
    try {
        $cluster = Start-TestPostgres -Durable
        if (-not $cluster) { Set-Content $result 'PostgreSQL benchmark skipped: no server binaries (apt-get install postgresql).'; return }
        $cs = Get-TestPostgresConnectionString $cluster
        Set-Content $result "PostgreSQL store benchmark ($($cluster.Bin), fsync on, same machine), $BenchEntries entries"
        Invoke-Native 'generate PostgreSQL entries' { dotnet $benchDll pg-generate $cs rps_bench $BenchEntries $result }
        Invoke-Native 'PostgreSQL queries (Core)' { dotnet $benchDll pg-queries $cs rps_bench $result }
        $measure = Join-Path $root 'bench/Measure-Postgres.ps1'
        if (Test-Path $measure) {
            Invoke-Native 'PostgreSQL queries (cmdlets)' {
                dotnet pwsh -NoProfile -NonInteractive -File $measure -ModulePath (Join-Path $moduleOut 'RepricingPS.psd1') -ConnectionString $cs -Database rps_bench -ResultPath $result
            }
        }
        Invoke-Native 'PostgreSQL writers' { dotnet $benchDll pg-writers $cs rps_bench $result 8 15 }
        Invoke-Native 'PostgreSQL copy-in' { dotnet $benchDll pg-copy $cs rps_copy (Join-Path $benchOut 'legacy-root') $result }
    }
    finally {
        Stop-TestPostgres $cluster
    }
    Get-Content $result
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
    'Package' { Invoke-Package }
    'Clean' {
        foreach ($dir in @($out) + @(Get-ChildItem $root -Directory -Recurse -Include bin, obj | Select-Object -ExpandProperty FullName)) {
            if (Test-Path $dir) { Remove-Item $dir -Recurse -Force }
        }
    }
}
