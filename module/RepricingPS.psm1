# Loads the build that fits this PowerShell: bin/Core (net8.0) for PowerShell 7.4+, bin/Desktop (netstandard2.0)
# for Windows PowerShell 5.1, which scheduled tasks on Windows run by default.
# Kept to plain script on purpose (Import-Module time in a fresh process, issue 15): Join-Path would auto-load
# Microsoft.PowerShell.Management, and -PassThru with an OnRemove closure made a dynamic module; together they were
# about 0.2 s of every import. Remove-Module RepricingPS removes the nested binary module without help.
$edition = if ($PSEdition -eq 'Core') { 'Core' } else { 'Desktop' }
Import-Module -Name "$PSScriptRoot/bin/$edition/RepricingPS.dll" -ErrorAction Stop
