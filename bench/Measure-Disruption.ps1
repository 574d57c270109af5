<#
.SYNOPSIS
    Disruption and line-by-line benchmarks: each run is a whole, fresh pwsh process (start-up, module import, the cmdlet,
    the workbook), timed from outside; the process reports its own peak working set when it ends.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DataRoot,
    [Parameter(Mandatory)] [string] $ResultPath
)
$ErrorActionPreference = 'Stop'

function Invoke-Measured([string] $Label, [string] $Command) {
    $exe = [Environment]::ProcessPath
    $pwshArgs = @('-NoProfile', '-NonInteractive', '-Command', "Import-Module '$ModulePath'; $Command; `$p = [Diagnostics.Process]::GetCurrentProcess(); 'CPU=' + `$p.TotalProcessorTime.TotalSeconds + ' PEAK=' + `$p.PeakWorkingSet64")
    if ((Split-Path $exe -Leaf) -like 'dotnet*') { $pwshArgs = @([Environment]::GetCommandLineArgs()[0]) + $pwshArgs }
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $output = & $exe @pwshArgs 2>&1
    $watch.Stop()
    if ($LASTEXITCODE -ne 0) { throw "$Label failed: $output" }
    $peak = [long](("$output" -split 'PEAK=')[-1].Trim())
    $cpu = [double](("$output" -split 'CPU=')[-1] -split ' ')[0]
    # CPU time beside wall time: on a shared 2-core machine the wall time mostly measures the neighbours.
    $line = '  {0,-62} {1,7:F2} s (CPU {2,6:F2} s, load {3}), peak memory {4,6:N0} MB' -f $Label, $watch.Elapsed.TotalSeconds, $cpu,
        ((Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ')[0], ($peak / 1MB)
    Add-Content -Path $ResultPath -Value $line
    Write-Host $line
    $watch.Elapsed.TotalSeconds
}

Set-Content -Path $ResultPath -Value 'Disruption / line-by-line benchmark: one fresh pwsh process per run (start-up + Import-Module + cmdlet + outputs)'
$env:REPRICING_AUDIT_PATH = Join-Path $DataRoot 'log'
New-Item -ItemType Directory $env:REPRICING_AUDIT_PATH -Force | Out-Null
Invoke-Measured 'baseline: pwsh start-up and Import-Module only' '$null' | Out-Null
$times = @{}
foreach ($n in 200000, 500000, 1000000) {
    $dir = Join-Path $DataRoot "claims-$n"
    $refs = "-MediSpan '$dir/medispan.csv' -Universal '$dir/universal.csv' -Exclusive '$dir/exclusive.csv' -Network '$dir/network.csv'"
    $out = Join-Path $dir 'out'
    if ($n -eq 200000) {
        Invoke-Measured ("Tier, {0:N0} claims .csv, workbook with its Data sheet" -f $n) "Invoke-RepricingDisruption '$dir/claims.csv' -Kind Tier -OutputDirectory '$out' $refs -Force | Out-Null" | Out-Null
    }
    else {
        $times[$n] = Invoke-Measured ("Tier, {0:N0} claims .csv, -DataAsCsv" -f $n) "Invoke-RepricingDisruption '$dir/claims.csv' -Kind Tier -OutputDirectory '$out' $refs -DataAsCsv -Force | Out-Null"
    }
    if ($n -eq 500000) {
        Invoke-Measured ("EPLS line by line, {0:N0} claims .csv into a template" -f $n) "Export-RepricingLineByLine '$dir/claims.csv' -Format EPLS -OutputDirectory '$out' -Template '$dir/lbl-template.xlsx' -Force | Out-Null" | Out-Null
    }
}
$line = '  Tier -DataAsCsv 500,000 -> 1,000,000 claims: time x{0:F2}' -f ($times[1000000] / $times[500000])
Add-Content -Path $ResultPath -Value $line
Write-Host $line
