# Cold-start benchmark (issue 15): what support staff and scheduled tasks pay in a freshly started PowerShell. Every
# figure is a whole process (`pwsh -NoProfile -NonInteractive -Command ...`, start to exit, output shown as a console
# would show it, into a pipe), the median of -Runs runs. The floor (`-Command exit`) runs in the same rounds as the
# others, interleaved, so each figure stands beside a floor measured under the same load; "above floor" is the median
# minus the floor's median. With -BaselineModulePath the same commands also run against another build of the module
# (for example main's out/RepricingPS), in the same rounds, for an old-vs-new comparison from one run.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    # A folder holding a legacy audit_log.csv (the bench generates 1,000,000 rows).
    [Parameter(Mandatory)] [string] $LegacyRoot,
    # A folder holding File1.csv and File2.csv (the bench generates 10,000 claims).
    [Parameter(Mandatory)] [string] $RepricingData,
    [Parameter(Mandatory)] [string] $ResultPath,
    [string] $BaselineModulePath,
    [ValidateRange(5, 100)] [int] $Runs = 7,
    [string] $User = 'jdoe',
    [int] $Days = 7
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

# The pwsh that runs this script, started the same way for every case (a dotnet tool: dotnet + pwsh.dll).
$exe = [Environment]::ProcessPath
$prefix = @()
if ((Split-Path $exe -Leaf) -like 'dotnet*') { $prefix = @([Environment]::GetCommandLineArgs()[0]) }

# Audit entries and outputs of the measured runs go to a scratch folder, never to the user's real log.
$scratch = Join-Path ([IO.Path]::GetTempPath()) "rps-coldstart-$PID"
New-Item -ItemType Directory -Path $scratch -Force | Out-Null
$saved = @{ REPRICING_AUDIT_PATH = $env:REPRICING_AUDIT_PATH; REPRICING_SPOOL_PATH = $env:REPRICING_SPOOL_PATH; XDG_DATA_HOME = $env:XDG_DATA_HOME }
$env:REPRICING_AUDIT_PATH = Join-Path $scratch 'audit'
$env:REPRICING_SPOOL_PATH = Join-Path $scratch 'spool'
$env:XDG_DATA_HOME = Join-Path $scratch 'xdg'

# A path as a single-quoted PowerShell string (a quote in it doubled).
function Get-Quoted([string] $path) { "'" + $path.Replace("'", "''") + "'" }

function Get-Cases([string] $Module, [string] $Suffix) {
    $m = "Import-Module $(Get-Quoted $Module)"
    $file1 = Get-Quoted (Join-Path $RepricingData 'File1.csv')
    $file2 = Get-Quoted (Join-Path $RepricingData 'File2.csv')
    $outDir = Get-Quoted (Join-Path $scratch "out$Suffix")
    $log = Get-Quoted $LegacyRoot
    [ordered]@{
        "Import-Module RepricingPS$Suffix"                            = $m
        "first Get-RepricingError -User $User -Days $Days$Suffix"     = "$m; Get-RepricingError -LogPath $log -User $(Get-Quoted $User) -Days $Days"
        "first Get-RepricingErrorSummary -Days $Days$Suffix"          = "$m; Get-RepricingErrorSummary -LogPath $log -Days $Days -WarningAction SilentlyContinue"
        "Invoke-Repricing 10,000 claims, CSV in/out$Suffix"           = "$m; Invoke-Repricing -File1 $file1 -File2 $file2 -OutputDirectory $outDir -Force -WarningAction SilentlyContinue"
    }
}

# Every command ends by printing the process's CPU time (all threads): on a shared 2-core machine the wall time mostly
# measures the neighbours, the CPU time is what an idle machine's wall time tracks. The floor prints it too.
$cpuProbe = "'CPU=' + [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime.TotalSeconds.ToString([cultureinfo]::InvariantCulture)"
$cases = [ordered]@{ 'floor: pwsh -NoProfile -Command exit' = $cpuProbe }
$pairs = [ordered]@{}   # new case name -> baseline case name
$newCases = Get-Cases $ModulePath ''
foreach ($k in $newCases.Keys) { $cases[$k] = "$($newCases[$k]); $cpuProbe" }
if ($BaselineModulePath) {
    $oldCases = Get-Cases $BaselineModulePath ' (baseline)'
    $newKeys = @($newCases.Keys); $oldKeys = @($oldCases.Keys)
    for ($i = 0; $i -lt $newKeys.Count; $i++) { $cases[$oldKeys[$i]] = "$($oldCases[$oldKeys[$i]]); $cpuProbe"; $pairs[$newKeys[$i]] = $oldKeys[$i] }
}

$times = @{}; $cpu = @{}
foreach ($k in $cases.Keys) { $times[$k] = [Collections.Generic.List[double]]::new(); $cpu[$k] = [Collections.Generic.List[double]]::new() }
try {
    # One untimed round first: the file cache holds the module, the data and PowerShell itself for every timed round.
    for ($round = 0; $round -le $Runs; $round++) {
        foreach ($k in $cases.Keys) {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $output = & $exe @prefix -NoProfile -NonInteractive -Command $cases[$k] 2>&1 | Out-String
            $watch.Stop()
            if ($LASTEXITCODE -ne 0) { throw "'$k' failed (exit code $LASTEXITCODE): $output" }
            if ($output -notmatch 'CPU=([0-9.]+)') { throw "'$k' printed no CPU time: $output" }
            if ($round -gt 0) { $times[$k].Add($watch.Elapsed.TotalSeconds); $cpu[$k].Add([double]::Parse($Matches[1], [cultureinfo]::InvariantCulture)) }
        }
    }
}
finally {
    foreach ($k in $saved.Keys) { if ($null -eq $saved[$k]) { Remove-Item "Env:$k" -ErrorAction Ignore } else { Set-Item "Env:$k" $saved[$k] } }
    Remove-Item $scratch -Recurse -Force -ErrorAction Ignore
}

function Get-Median([double[]] $values) {
    $sorted = $values | Sort-Object
    $n = $sorted.Count
    if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}
$floorKey = @($cases.Keys)[0]
$floor = Get-Median $times[$floorKey]
$floorCpu = Get-Median $cpu[$floorKey]
$legacyFile = Join-Path $LegacyRoot 'audit_log.csv'
$legacyRows = if (Test-Path $legacyFile) { '{0:N0} MB' -f ((Get-Item $legacyFile).Length / 1MB) } else { '?' }
$lines = @(
    "Cold start: fresh processes ($($PSVersionTable.PSVersion), $([Environment]::ProcessorCount) cores), median of $Runs, floor measured in the same rounds; legacy log $legacyRows"
    "  (wall: start to exit, seen from outside; CPU: the process's own CPU time, all threads; load average $((Get-Content /proc/loadavg -ErrorAction Ignore) -replace '^(\S+ \S+ \S+).*', '$1'))"
    ('  {0,-62} {1,8} {2,12} {3,8} {4,8} {5,9} {6,12}' -f 'case', 'wall', 'above floor', 'min', 'max', 'CPU', 'above floor')
)
$above = @{}; $aboveCpu = @{}
foreach ($k in $cases.Keys) {
    $m = Get-Median $times[$k]
    $c = Get-Median $cpu[$k]
    $above[$k] = $m - $floor
    $aboveCpu[$k] = $c - $floorCpu
    $extra = if ($k -eq $floorKey) { '' } else { '{0,10:F2} s' -f ($m - $floor) }
    $extraCpu = if ($k -eq $floorKey) { '' } else { '{0,10:F2} s' -f ($c - $floorCpu) }
    $lines += ('  {0,-62} {1,6:F2} s {2,12} {3,6:F2} s {4,6:F2} s {5,7:F2} s {6,12}' -f $k, $m, $extra, ($times[$k] | Measure-Object -Minimum).Minimum, ($times[$k] | Measure-Object -Maximum).Maximum, $c, $extraCpu)
}
if ($pairs.Count) {
    $lines += '  above the floor, baseline -> this build (wall; CPU):'
    foreach ($k in $pairs.Keys) { $lines += ('    {0,-60} {1,6:F2} s -> {2,6:F2} s; CPU {3,6:F2} s -> {4,6:F2} s' -f $k, $above[$pairs[$k]], $above[$k], $aboveCpu[$pairs[$k]], $aboveCpu[$k]) }
}
$lines | Set-Content -Path $ResultPath -Encoding utf8
$lines | Write-Host
