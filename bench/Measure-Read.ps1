# Read benchmark: Get-RepricingAuditLog against Import-Csv | Where-Object, side by side in this one pwsh process.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $LogRoot,
    [Parameter(Mandatory)] [string] $ResultPath,
    [string] $StoreRoot,
    [string] $User = 'jdoe',
    [int] $Days = 7
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
$file = Join-Path $LogRoot 'audit_log.csv'
$proc = [System.Diagnostics.Process]::GetCurrentProcess()

[GC]::Collect(); $proc.Refresh(); $wsBefore = $proc.WorkingSet64
$cold = Measure-Command { $ours = Get-RepricingAuditLog -LogPath $LogRoot -User $User -Days $Days }
$proc.Refresh(); $peakOurs = $proc.PeakWorkingSet64
$warm = 1..3 | ForEach-Object { (Measure-Command { Get-RepricingAuditLog -LogPath $LogRoot -User $User -Days $Days | Out-Null }).TotalSeconds } | Sort-Object
$oursSeconds = $warm[1]

$cutoff = (Get-Date).AddDays(-$Days)
$theirs = $null
$baseline = Measure-Command {
    $theirs = Import-Csv $file | Where-Object { $_.User -eq $User -and [datetime]::ParseExact($_.Timestamp, 'yyyy-MM-dd HH:mm:ss', $null) -ge $cutoff }
}
$ratio = $baseline.TotalSeconds / $oursSeconds
$sizeMb = (Get-Item $file).Length / 1MB
$lines = @(
    "Read benchmark: $([math]::Round($sizeMb)) MB legacy audit_log.csv, -User $User -Days $Days, one pwsh process ($($PSVersionTable.PSVersion))"
    ('  Get-RepricingAuditLog: first run {0:F2} s, warm median of 3 {1:F2} s, {2} entries' -f $cold.TotalSeconds, $oursSeconds, @($ours).Count)
    ('  Import-Csv | Where-Object: {0:F2} s, {1} entries' -f $baseline.TotalSeconds, @($theirs).Count)
    ('  ratio: {0:F1}x faster (target >= 15x)' -f $ratio)
    ('  working set: {0:N0} MB before, peak {1:N0} MB during the first Get-RepricingAuditLog run: grew {2:N0} MB (target < 300 MB)' -f ($wsBefore / 1MB), ($peakOurs / 1MB), (($peakOurs - $wsBefore) / 1MB))
)
if (@($ours).Count -ne @($theirs).Count) { $lines += "  MISMATCH: the two answers differ in count" }

# Get-RepricingError -User X -Days 7 and Get-RepricingErrorSummary -Days 7 against the same file.
$errWarm = 1..3 | ForEach-Object { (Measure-Command { Get-RepricingError -LogPath $LogRoot -User $User -Days $Days | Out-Null }).TotalSeconds } | Sort-Object
$errBase = Measure-Command {
    $null = Import-Csv $file | Where-Object { $_.User -eq $User -and ($_.Status -eq 'ERROR' -or $_.Status -like '*_ERROR') -and [datetime]::ParseExact($_.Timestamp, 'yyyy-MM-dd HH:mm:ss', $null) -ge $cutoff }
}
$sumWarm = 1..3 | ForEach-Object { (Measure-Command { Get-RepricingErrorSummary -LogPath $LogRoot -Days $Days -WarningAction SilentlyContinue | Out-Null }).TotalSeconds } | Sort-Object
$sumBase = Measure-Command {
    $errs = Import-Csv $file | Where-Object { ($_.Status -eq 'ERROR' -or $_.Status -like '*_ERROR') -and [datetime]::ParseExact($_.Timestamp, 'yyyy-MM-dd HH:mm:ss', $null) -ge $cutoff }
    $null = $errs | Group-Object Status; $null = $errs | Group-Object User; $null = $errs | Group-Object Script
}
$lines += ('  Get-RepricingError -User {0} -Days {1}: {2:F2} s (warm median); Import-Csv | Where-Object: {3:F2} s; ratio {4:F1}x (target >= 15x)' -f $User, $Days, $errWarm[1], $errBase.TotalSeconds, ($errBase.TotalSeconds / $errWarm[1]))
$lines += ('  Get-RepricingErrorSummary -Days {0}: {1:F2} s (warm median); Import-Csv | Where-Object | Group-Object: {2:F2} s; ratio {3:F1}x (target >= 10x)' -f $Days, $sumWarm[1], $sumBase.TotalSeconds, ($sumBase.TotalSeconds / $sumWarm[1]))

if ($StoreRoot) {
    $d7 = 1..3 | ForEach-Object { (Measure-Command { Get-RepricingError -LogPath $StoreRoot -Days 7 | Out-Null }).TotalSeconds } | Sort-Object
    $d30 = 1..3 | ForEach-Object { (Measure-Command { Get-RepricingError -LogPath $StoreRoot -Days 30 | Out-Null }).TotalSeconds } | Sort-Object
    $files7 = 0; $files30 = 0
    Get-RepricingError -LogPath $StoreRoot -Days 7 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Reading *' } | ForEach-Object { $files7++ }
    Get-RepricingError -LogPath $StoreRoot -Days 30 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Reading *' } | ForEach-Object { $files30++ }
    $lines += ('New-format store, 1,000,000 entries over 30 days: Get-RepricingError -Days 7 {0:F2} s ({1} files opened), -Days 30 {2:F2} s ({3} files opened): {4:P0} of the time (target <= 40%)' -f $d7[1], $files7, $d30[1], $files30, ($d7[1] / $d30[1]))
}
$lines | Set-Content -Path $ResultPath -Encoding utf8
$lines | Write-Host
