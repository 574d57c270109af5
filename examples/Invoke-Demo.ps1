# The main job on the embedded default log root (the per-user local folder): sample claims, import, repricing, a Tier
# disruption, an EPLS line-by-line file, and the audit entries. Run through: dotnet pwsh -NoProfile -File ./Build.ps1 -Task Demo
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutputDirectory,
    [int] $Claims = 5000
)
$ErrorActionPreference = 'Stop'
# Plain text when the output goes to a file or a pipe (no ANSI colour codes in a captured demo log).
if ((Get-Variable PSStyle -ErrorAction Ignore) -and [Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }
Import-Module $ModulePath -Force

$config = Get-RepricingAuditConfiguration
Write-Host "Audit log root: $($config.Root) (from $($config.Source))"

$inputs = Join-Path $OutputDirectory 'input'
$results = Join-Path $OutputDirectory 'results'
Write-Host "`n1. Sample File1/File2 ($Claims claims with reversals, refills, File1-only and File2-only rows) and a template:"
$sample = New-RepricingSampleData -OutputDirectory $inputs -Claims $Claims -Seed 2026
$sample | Format-List | Out-Host

Write-Host '2. Import-RepricingFile:'
$file1 = Import-RepricingFile -Path $sample.File1 -Role File1
$file2 = Import-RepricingFile -Path $sample.File2 -Role File2
$file1, $file2 | Format-Table | Out-Host

Write-Host '3. Invoke-Repricing:'
$result = Invoke-Repricing -File1 $file1 -File2 $file2 -OutputDirectory $results -Template $sample.Template -Force
$result | Format-List | Out-Host
Get-ChildItem $results | Format-Table Name, Length -AutoSize | Out-Host

Write-Host "4. The claim detail's first rows (Logic computed by the template):"
Import-Csv (Join-Path $results "$($result.OpportunityName) Claim Detail.csv") | Select-Object -First 5 SOURCERECORDID, DATEFILLED, NDC, QUANTITY, Logic, RowID, MatchStatus |
    Format-Table -AutoSize | Out-Host

Write-Host '5. The audit entries of the run:'
Get-RepricingAuditLog -Days 1 | Where-Object SessionId -eq $result.SessionId |
    Format-Table @{ n = 'Time'; e = { $_.Timestamp.ToString('HH:mm:ss.fff') } }, Status, Message -Wrap | Out-String -Width 160 | Out-Host

Write-Host '6. Invoke-RepricingDisruption -Kind Tier on the filled template (reference tables from the sample; Set-RepricingReferenceConfiguration saves them once per user):'
$refs = @{ MediSpan = $sample.MediSpan; Universal = $sample.Universal; Exclusive = $sample.Exclusive; Network = $sample.Network }
$disruption = $result | Invoke-RepricingDisruption -Kind Tier -OutputDirectory $results @refs -Force -WarningAction SilentlyContinue
$disruption | Format-List | Out-Host
$disruption.Network | Format-Table | Out-Host

Write-Host '7. Export-RepricingLineByLine -Format EPLS (claims with Logic 1-10, for the partner):'
$lbl = $result | Export-RepricingLineByLine -Format EPLS -OutputDirectory $results -Force -WarningAction SilentlyContinue
$lbl | Format-List | Out-Host

Write-Host '8. How each of the three runs ended (PROCESS_END):'
Get-RepricingAuditLog -Days 1 | Where-Object { $_.SessionId -in $result.SessionId, $disruption.SessionId, $lbl.SessionId -and $_.Status -eq 'PROCESS_END' } |
    Format-Table @{ n = 'Time'; e = { $_.Timestamp.ToString('HH:mm:ss.fff') } }, Script, Message -Wrap | Out-String -Width 160 | Out-Host
