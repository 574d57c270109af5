@{
    RootModule           = 'RepricingPS.psm1'
    ModuleVersion        = '0.0.0'   # stamped by Build.ps1 from Directory.Build.props
    GUID                 = '5d0b7a52-3f4e-4f0c-9a51-2c6e4b8f7d13'
    Author               = 'RepricingPS team'
    CompanyName          = 'RepricingPS'
    Copyright            = '(c) RepricingPS team'
    Description          = 'Pharmacy-claims repricing with an audit log that support staff can query from the console.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('RepricingPS.format.ps1xml')
    TypesToProcess       = @('RepricingPS.types.ps1xml')
    FunctionsToExport    = @()
    CmdletsToExport      = @(
        'Write-RepricingAuditEntry'
        'Get-RepricingAuditLog'
        'Start-RepricingSession'
        'Stop-RepricingSession'
        'Get-RepricingAuditConfiguration'
        'Set-RepricingAuditConfiguration'
        'Get-RepricingError'
        'Get-RepricingErrorSummary'
        'Get-UserSupportReport'
        'Sync-RepricingAuditLog'
        'Test-RepricingAuditLog'
        'Show-RepricingAuditLog'
        'Remove-RepricingAuditLog'
        'Import-RepricingFile'
        'Invoke-Repricing'
        'New-RepricingSampleData'
        'Export-RepricingAuditLog'
        'Invoke-RepricingDisruption'
        'Set-RepricingReferenceConfiguration'
        'Get-RepricingReferenceConfiguration'
        'Export-RepricingLineByLine'
        'Initialize-RepricingAuditStore'
        'Copy-RepricingAuditLog'
    )
    VariablesToExport    = @()
    AliasesToExport      = @('Get-RepricingUserReport')
    PrivateData          = @{
        PSData = @{
            # No LicenseUri/ProjectUri: the project has no public address; LICENSE and THIRD-PARTY-NOTICES.md ship inside.
            Tags         = @('Repricing', 'Audit', 'Pharmacy', 'Claims', 'PBM', 'Support', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ReleaseNotes = 'Repricing (Import-RepricingFile, Invoke-Repricing) and a shared audit log with support queries. See README.md in the package source for what changed.'
        }
    }
}
