# Loads the build that fits this PowerShell: bin/Core (net8.0) for PowerShell 7.4+, bin/Desktop (netstandard2.0)
# for Windows PowerShell 5.1, which scheduled tasks on Windows run by default.
$edition = if ($PSEdition -eq 'Core') { 'Core' } else { 'Desktop' }
$binaryPath = Join-Path -Path $PSScriptRoot -ChildPath "bin/$edition/RepricingPS.dll"
$binaryModule = Import-Module -Name $binaryPath -PassThru -ErrorAction Stop

# When this module is removed, remove the binary module it loaded too.
$ExecutionContext.SessionState.Module.OnRemove = {
    Remove-Module -ModuleInfo $binaryModule
}.GetNewClosure()
