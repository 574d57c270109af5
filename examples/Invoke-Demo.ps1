# The main job on the embedded default log root (the per-user local folder): a session, a few entries including a
# categorised error, and the log read back. Run through: dotnet pwsh -NoProfile -File ./Build.ps1 -Task Demo
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutputDirectory
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force

$config = Get-RepricingAuditConfiguration
Write-Host "Audit log root: $($config.Root) (from $($config.Source))"

$session = Start-RepricingSession -Script 'RepricingPS demo'
Write-RepricingAuditEntry -Script 'RepricingPS demo' -Status FILE_ACCESS -Action 'Import File' -File (Join-Path $OutputDirectory 'claims.csv')
Write-RepricingAuditEntry -Script 'RepricingPS demo' -Message 'Merged 120,412 rows'
try {
    Get-Item (Join-Path $OutputDirectory 'missing_data.xlsx') -ErrorAction Stop
} catch {
    Write-RepricingAuditEntry -Script 'RepricingPS demo' -Status FILE_ERROR -Action 'Import File' -ErrorType FILE_NOT_FOUND -ErrorRecord $_
}
Stop-RepricingSession | Out-Null

Write-Host "`nThis session's entries:"
Get-RepricingAuditLog -Days 1 | Where-Object SessionId -eq $session.SessionId | Format-Table -AutoSize | Out-Host
Write-Host "Errors in the last day:"
Get-RepricingAuditLog -Days 1 -Status '*ERROR' | Select-Object -Last 3 | Format-List Timestamp, User, Status, ErrorType, Error, Message | Out-Host
