# Read benchmark: Get-RepricingAuditLog against Import-Csv | Where-Object, side by side in this one pwsh process.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $LogRoot,
    [Parameter(Mandatory)] [string] $ResultPath,
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
$lines | Set-Content -Path $ResultPath -Encoding utf8
$lines | Write-Host
