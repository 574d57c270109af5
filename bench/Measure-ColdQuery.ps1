# First-query speed in fresh processes (issue 15): Get-RepricingError -User X -Days 7 and Get-RepricingErrorSummary -Days 7
# against a legacy log, each in its own new `dotnet pwsh` process, beside the floor (`pwsh -NoProfile -Command exit`)
# measured in the same run, rounds interleaved so machine noise hits every figure alike. Medians of -Runs.
#   cold, index built : a fresh process, the legacy index already in the local cache (what support staff get every day)
#   cold, no index    : a fresh process, empty cache (the first query ever on that file; it builds the index)
#   today             : a fresh process with -BaselineModulePath (a build without the index), when given
#   warm              : the same query again in the process that just ran it (Measure-Command)
# Beside each wall time, the CPU time of the whole process (all threads, as the process reports it as its last act):
# on a machine that other jobs keep busy, CPU time is what an idle machine's wall time tracks. The floor's process
# runs one statement to report it (instead of `exit`).
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
    $command += "; [Console]::Out.WriteLine('cpu=' + [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime.TotalSeconds.ToString([cultureinfo]::InvariantCulture))"
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
    $text = $out.Result
    $cpu = [double]::Parse(([regex]::Match($text, 'cpu=([0-9.Ee+-]+)')).Groups[1].Value, [cultureinfo]::InvariantCulture)
    [pscustomobject]@{ Seconds = $sw.Elapsed.TotalSeconds; Cpu = $cpu; Output = ($text -replace '(?m)^cpu=.*$', '').Trim() }
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
function Add-Time([string] $key, $run) {
    foreach ($k in @($key, "$key|cpu")) { if (-not $times.ContainsKey($k)) { $times[$k] = [Collections.Generic.List[double]]::new() } }
    $times[$key].Add($run.Seconds); $times["$key|cpu"].Add($run.Cpu)
}
for ($r = 0; $r -lt $Runs; $r++) {
    Add-Time 'floor' (Invoke-Fresh '$null = 0' $built)
    foreach ($name in $queries.Keys) {
        $q = $queries[$name]
        Add-Time "$name|built" (Invoke-Fresh "Import-Module '$ModulePath'; $q | Out-Null" $built)
        Remove-Item -Recurse -Force (Join-Path $empty '*') -ErrorAction SilentlyContinue
        Add-Time "$name|empty" (Invoke-Fresh "Import-Module '$ModulePath'; $q | Out-Null" $empty)
        if ($BaselineModulePath) { Add-Time "$name|today" (Invoke-Fresh "Import-Module '$BaselineModulePath'; $q | Out-Null" $empty) }
    }
}
$floor = Get-Median $times['floor']
$floorCpu = Get-Median $times['floor|cpu']
$lines = @("Cold first query (issue 15): $LogRoot, $((Get-ChildItem $LogRoot -Recurse -File -Filter 'audit_log.csv*' | Measure-Object Length -Sum).Sum / 1MB -as [int]) MB legacy; fresh 'dotnet pwsh' processes, median of $Runs, PowerShell $($PSVersionTable.PSVersion)")
$lines += ('  floor (pwsh -NoProfile, one statement): {0:F2} s wall, {1:F2} s CPU; load average {2}' -f $floor, $floorCpu, $(if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg).Split(' ')[0] } else { 'n/a' }))
foreach ($name in $queries.Keys) {
    $q = $queries[$name]
    $b = Get-Median $times["$name|built"]; $e = Get-Median $times["$name|empty"]
    $bc = Get-Median $times["$name|built|cpu"]; $ec = Get-Median $times["$name|empty|cpu"]
    $warm = (Invoke-Fresh ("Import-Module '$ModulePath'; $q | Out-Null; " + '$t = 1..3 | ForEach-Object { (Measure-Command { ' + $q + ' | Out-Null }).TotalSeconds } | Sort-Object; $t[1]') $built).Output.Trim()
    $line = '  {0}: cold, index built {1:F2} s (+{2:F2} above floor; CPU +{3:F2}); cold, no index yet {4:F2} s (+{5:F2}; CPU +{6:F2})' -f $name, $b, ($b - $floor), ($bc - $floorCpu), $e, ($e - $floor), ($ec - $floorCpu)
    if ($BaselineModulePath) {
        $t = Get-Median $times["$name|today"]; $tc = Get-Median $times["$name|today|cpu"]
        $line += '; today {0:F2} s (+{1:F2}; CPU +{2:F2}); above-floor ratio today/now {3:F1}x wall, {4:F1}x CPU' -f $t, ($t - $floor), ($tc - $floorCpu), (($t - $floor) / [math]::Max(0.001, $b - $floor)), (($tc - $floorCpu) / [math]::Max(0.001, $bc - $floorCpu))
    }
    $line += '; warm {0:F3} s' -f [double]$warm
    $lines += $line
}
# What a query loads: it must not load the workbook or database libraries.
$probe = "Import-Module '$ModulePath'; $($queries[0]) | Out-Null; $($queries[1]) | Out-Null; [AppDomain]::CurrentDomain.GetAssemblies().GetName().Name | Sort-Object -Unique"
$loaded = (Invoke-Fresh $probe $built).Output -split "`r?`n" | Where-Object { $_ }
$lines += '  assemblies loaded after both queries: ' + $loaded.Count
$unwanted = @($loaded | Where-Object { $_ -match '^(EPPlus|ExcelDataReader|Npgsql|MiniExcel|DocumentFormat|SpreadCheetah|System\.Drawing|Microsoft\.IO\.RecyclableMemoryStream)' })
$lines += '  assemblies loaded by the two queries that they do not need: ' + ($(if ($unwanted) { $unwanted -join ', ' } else { 'none' }))
Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
if ($ResultPath) { $lines | Set-Content -Path $ResultPath -Encoding utf8 }
$lines | Write-Host
