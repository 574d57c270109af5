# First-query speed in fresh processes (issue 15): Get-RepricingError -User X -Days 7 and Get-RepricingErrorSummary -Days 7
# against a legacy log, each in its own new `dotnet pwsh` process, beside the floor (`pwsh -NoProfile -Command exit`)
# measured in the same run, rounds interleaved so machine noise hits every figure alike. Medians of -Runs.
#   cold, index built : a fresh process, the legacy index already in the local cache (what support staff get every day)
#   cold, no index    : a fresh process, empty cache (the first query ever on that file; it builds the index)
#   today             : a fresh process with -BaselineModulePath (a build without the index), when given
#   warm              : the same query again in the process that just ran it (Measure-Command)
# Also lists the assemblies a query loaded that it should not (EPPlus, ExcelDataReader, Npgsql, ...).
# Example: dotnet pwsh -NoProfile -File bench/Measure-ColdQuery.ps1 -ModulePath out/RepricingPS -LogRoot /tmp/legacy1m
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $LogRoot,
    [string] $BaselineModulePath,
    [string] $User = 'jdoe',
    [int] $Days = 7,
    [int] $Runs = 5,
    [string] $ResultPath
)
$ErrorActionPreference = 'Stop'
$ModulePath = (Resolve-Path $ModulePath).Path
$LogRoot = (Resolve-Path $LogRoot).Path
if ($BaselineModulePath) { $BaselineModulePath = (Resolve-Path $BaselineModulePath).Path }
$dotnet = (Get-Command dotnet).Source
$work = Join-Path ([IO.Path]::GetTempPath()) ("rps-coldquery-" + [guid]::NewGuid().ToString('N'))
$built = Join-Path $work 'built'     # per-user data folder whose LegacyIndex is kept
$empty = Join-Path $work 'empty'     # per-user data folder emptied before each run
$null = New-Item -ItemType Directory -Force -Path $built, $empty

function Invoke-Fresh([string] $command, [string] $dataHome) {
    $psi = [Diagnostics.ProcessStartInfo]::new($dotnet)
    foreach ($a in @('pwsh', '-NoProfile', '-NonInteractive', '-Command', $command)) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true; $psi.UseShellExecute = $false
    $psi.WorkingDirectory = Split-Path $PSScriptRoot   # dotnet pwsh is a local tool of the repository
    $psi.Environment['XDG_DATA_HOME'] = $dataHome
    $psi.Environment['LOCALAPPDATA'] = $dataHome
    $psi.Environment['REPRICING_SPOOL_PATH'] = Join-Path $dataHome 'spool'
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $p = [Diagnostics.Process]::Start($psi)
    $out = $p.StandardOutput.ReadToEndAsync(); $err = $p.StandardError.ReadToEndAsync()
    $p.WaitForExit(); $sw.Stop()
    if ($p.ExitCode -ne 0) { throw "'$command' failed ($($p.ExitCode)): $($err.Result)" }
    [pscustomobject]@{ Seconds = $sw.Elapsed.TotalSeconds; Output = $out.Result }
}

function Get-Median([double[]] $values) { $s = $values | Sort-Object; $s[[int][math]::Floor($s.Count / 2)] }

$queries = [ordered]@{
    "Get-RepricingError -User $User -Days $Days"  = "Get-RepricingError -LogPath '$LogRoot' -User '$User' -Days $Days"
    "Get-RepricingErrorSummary -Days $Days"       = "Get-RepricingErrorSummary -LogPath '$LogRoot' -Days $Days -WarningAction SilentlyContinue"
}
# Build the index once (and check both modules answer the same).
$check = @{}
foreach ($name in $queries.Keys) {
    $q = $queries[$name]
    $check[$name] = (Invoke-Fresh "Import-Module '$ModulePath'; ($q | Out-String -Width 300).Length" $built).Output.Trim()
}

$times = @{}
function Add-Time([string] $key, [double] $s) { if (-not $times.ContainsKey($key)) { $times[$key] = [Collections.Generic.List[double]]::new() }; $times[$key].Add($s) }
for ($r = 0; $r -lt $Runs; $r++) {
    Add-Time 'floor' (Invoke-Fresh 'exit' $built).Seconds
    foreach ($name in $queries.Keys) {
        $q = $queries[$name]
        Add-Time "$name|built" (Invoke-Fresh "Import-Module '$ModulePath'; $q | Out-Null" $built).Seconds
        Remove-Item -Recurse -Force (Join-Path $empty '*') -ErrorAction SilentlyContinue
        Add-Time "$name|empty" (Invoke-Fresh "Import-Module '$ModulePath'; $q | Out-Null" $empty).Seconds
        if ($BaselineModulePath) { Add-Time "$name|today" (Invoke-Fresh "Import-Module '$BaselineModulePath'; $q | Out-Null" $empty).Seconds }
    }
}
$floor = Get-Median $times['floor']
$lines = @("Cold first query (issue 15): $LogRoot, $((Get-ChildItem $LogRoot -Recurse -File -Filter 'audit_log.csv*' | Measure-Object Length -Sum).Sum / 1MB -as [int]) MB legacy; fresh 'dotnet pwsh' processes, median of $Runs, PowerShell $($PSVersionTable.PSVersion)")
$lines += ('  floor (pwsh -NoProfile -Command exit): {0:F2} s' -f $floor)
foreach ($name in $queries.Keys) {
    $q = $queries[$name]
    $b = Get-Median $times["$name|built"]; $e = Get-Median $times["$name|empty"]
    $warm = (Invoke-Fresh ("Import-Module '$ModulePath'; $q | Out-Null; " + '$t = 1..3 | ForEach-Object { (Measure-Command { ' + $q + ' | Out-Null }).TotalSeconds } | Sort-Object; $t[1]') $built).Output.Trim()
    $line = '  {0}: cold, index built {1:F2} s (+{2:F2} above floor); cold, no index yet {3:F2} s (+{4:F2})' -f $name, $b, ($b - $floor), $e, ($e - $floor)
    if ($BaselineModulePath) {
        $t = Get-Median $times["$name|today"]
        $line += '; today {0:F2} s (+{1:F2}); above-floor ratio today/now {2:F1}x' -f $t, ($t - $floor), (($t - $floor) / [math]::Max(0.001, $b - $floor))
    }
    $line += '; warm {0:F3} s' -f [double]$warm
    $lines += $line
}
# What a query loads: it must not load the workbook or database libraries.
$probe = "Import-Module '$ModulePath'; $($queries[0]) | Out-Null; $($queries[1]) | Out-Null; [AppDomain]::CurrentDomain.GetAssemblies().GetName().Name | Sort-Object -Unique"
$loaded = (Invoke-Fresh $probe $built).Output -split "`r?`n" | Where-Object { $_ }
$unwanted = @($loaded | Where-Object { $_ -match '^(EPPlus|ExcelDataReader|Npgsql|MiniExcel|DocumentFormat|SpreadCheetah|System\.Drawing|Microsoft\.IO\.RecyclableMemoryStream)' })
$lines += '  assemblies loaded by the two queries that they do not need: ' + ($(if ($unwanted) { $unwanted -join ', ' } else { 'none' }))
Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
if ($ResultPath) { $lines | Set-Content -Path $ResultPath -Encoding utf8 }
$lines | Write-Host
