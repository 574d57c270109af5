# Dot-sourced by every Pester file's BeforeAll: imports the assembled module and points every per-user folder
# (default root, spool, settings) into TestDrive, so tests never touch the real default log.
Import-Module $env:REPRICINGPS_TEST_MODULE -Force
$env:XDG_DATA_HOME = Join-Path $TestDrive 'xdg'
$env:LOCALAPPDATA = Join-Path $TestDrive 'xdg'
$env:REPRICING_SPOOL_PATH = Join-Path $TestDrive 'spool'
Remove-Item Env:REPRICING_AUDIT_PATH -ErrorAction SilentlyContinue
$shared = (Resolve-Path (Join-Path $PSScriptRoot '../../../shared/data/legacy-audit')).Path

# A fresh PowerShell process, as a scheduled task or a new console starts one: the pwsh that runs these tests (a dotnet
# tool here, so dotnet with pwsh.dll in front of the arguments). Output as the child wrote it (stderr lines arrive as
# ErrorRecords when the caller adds 2>&1); $LASTEXITCODE is the child's.
function Invoke-TestPwsh([string[]] $ArgumentList) {
    $exe = [Environment]::ProcessPath
    if ((Split-Path $exe -Leaf) -like 'dotnet*') { $ArgumentList = @([Environment]::GetCommandLineArgs()[0]) + $ArgumentList }
    & $exe @ArgumentList
}
