# Dot-sourced by every Pester file's BeforeAll: imports the assembled module and points every per-user folder
# (default root, spool, settings) into TestDrive, so tests never touch the real default log.
Import-Module $env:REPRICINGPS_TEST_MODULE -Force
$env:XDG_DATA_HOME = Join-Path $TestDrive 'xdg'
$env:LOCALAPPDATA = Join-Path $TestDrive 'xdg'
$env:REPRICING_SPOOL_PATH = Join-Path $TestDrive 'spool'
Remove-Item Env:REPRICING_AUDIT_PATH -ErrorAction SilentlyContinue
$shared = (Resolve-Path (Join-Path $PSScriptRoot '../../../shared/data/legacy-audit')).Path
