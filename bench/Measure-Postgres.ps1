# The support cmdlets on the PostgreSQL store, warm, in one pwsh process; the folder store's numbers for the same
# cmdlets come from read.txt of the same Bench run (and, when given, a folder store measured here side by side).
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ConnectionString,
    [Parameter(Mandatory)] [string] $Database,
    [Parameter(Mandatory)] [string] $ResultPath,
    [string] $FolderRoot,
    [string] $User = 'user042',
    [int] $Days = 7
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
# The password goes where PostgreSQL clients look for it, never into the log root.
$parts = @{}
foreach ($kv in $ConnectionString -split ';') { $k, $v = $kv -split '=', 2; if ($k) { $parts[$k.Trim()] = $v } }
$env:PGPASSWORD = $parts['Password']
$uri = "postgresql://$($parts['Username'])@$($parts['Host']):$($parts['Port'])/$Database"

function Measure-Warm([scriptblock] $Run) {
    & $Run | Out-Null
    $t = 1..5 | ForEach-Object { (Measure-Command { & $Run | Out-Null }).TotalSeconds } | Sort-Object
    $t[2]
}
$lines = @()
$err = Measure-Warm { Get-RepricingError -LogPath $uri -User $User -Days $Days }
$n = @(Get-RepricingError -LogPath $uri -User $User -Days $Days).Count
$sum = Measure-Warm { Get-RepricingErrorSummary -LogPath $uri -Days $Days }
$s = Get-RepricingErrorSummary -LogPath $uri -Days $Days
$lines += ('  cmdlets on PostgreSQL: Get-RepricingError -User {0} -Days {1}: {2:F3} s warm median of 5, {3} errors (target < 0.1 s)' -f $User, $Days, $err, $n)
$lines += ('  cmdlets on PostgreSQL: Get-RepricingErrorSummary -Days {0}: {1:F3} s warm median of 5, {2:N0} entries and {3:N0} errors in the window (target < 1 s)' -f $Days, $sum, $s.TotalEntries, $s.ErrorCount)
if ($FolderRoot) {
    $ferr = Measure-Warm { Get-RepricingError -LogPath $FolderRoot -User $User -Days $Days }
    $fsum = Measure-Warm { Get-RepricingErrorSummary -LogPath $FolderRoot -Days $Days -WarningAction SilentlyContinue }
    $lines += ('  cmdlets on the folder store {0}: Get-RepricingError -User {1} -Days {2}: {3:F3} s; Get-RepricingErrorSummary -Days {2}: {4:F3} s (warm medians)' -f $FolderRoot, $User, $Days, $ferr, $fsum)
}
Add-Content -Path $ResultPath -Value $lines
$lines | Write-Host
