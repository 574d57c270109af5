<#
.SYNOPSIS
    An unattended repricing run for a scheduled task (Windows Task Scheduler or cron).
.DESCRIPTION
    Takes the input folder (File1, File2 and optionally the template) and the output folder, imports the files,
    runs Invoke-Repricing, and exits 0 on success and 1 on any failure. Every step, and the error of a failure,
    is in the audit log, so support can see what happened with Get-RepricingError -User <the task's account>.
.EXAMPLE
    pwsh -NoProfile -NonInteractive -File Invoke-ScheduledRepricing.ps1 -InputDirectory D:\Repricing\In -OutputDirectory D:\Repricing\Out
#>
[CmdletBinding()]
param(
    # Holds the claims file (default name File1.csv or File1.xlsx), the priced file (File2.*) and optionally _Rx Repricing_wf.xlsx.
    [Parameter(Mandatory)] [string] $InputDirectory,
    [Parameter(Mandatory)] [string] $OutputDirectory,
    [string] $File1Name = 'File1.*',
    [string] $File2Name = 'File2.*',
    [string] $TemplateName = '_Rx Repricing_wf.xlsx',
    # Optional: the log root (otherwise REPRICING_AUDIT_PATH, the saved setting, or the per-user default).
    [string] $LogPath,
    # Import the module from here instead of $env:PSModulePath.
    [string] $ModulePath = 'RepricingPS'
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
# A task's output goes to a log file: no ANSI colour codes in it (PowerShell 7.2+ would colour table headers).
if ((Get-Variable PSStyle -ErrorAction Ignore) -and [Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }
Import-Module $ModulePath
$log = @{}
if ($LogPath) { $log.LogPath = $LogPath }
Start-RepricingSession -Script 'Invoke-ScheduledRepricing' @log | Out-Null
$exitCode = 1
try {
    $file1 = @(Get-ChildItem -Path $InputDirectory -Filter $File1Name -File | Where-Object Extension -in '.csv', '.xlsx')
    $file2 = @(Get-ChildItem -Path $InputDirectory -Filter $File2Name -File | Where-Object Extension -in '.csv', '.xlsx')
    if ($file1.Count -ne 1 -or $file2.Count -ne 1) {
        throw "Expected exactly one $File1Name and one $File2Name (.csv or .xlsx) in '$InputDirectory'; found $($file1.Count) and $($file2.Count)."
    }
    $template = Join-Path $InputDirectory $TemplateName
    $reprice = @{
        File1           = Import-RepricingFile -LiteralPath $file1[0].FullName -Role File1 @log
        File2           = Import-RepricingFile -LiteralPath $file2[0].FullName -Role File2 @log
        OutputDirectory = $OutputDirectory
        Force           = $true
    }
    if (Test-Path -LiteralPath $template) { $reprice.Template = $template }
    $result = Invoke-Repricing @reprice @log
    Write-Output ("Repriced {0:N0} rows: {1:N0} matched pairs, {2:N0} unmatched reversals; outputs in {3}" -f $result.MergedRows, $result.MatchedPairs, $result.UnmatchedReversals, $OutputDirectory)
    $exitCode = 0
} catch {
    # Errors from the RepricingPS cmdlets are in the log already; anything else (such as the check above) is logged here.
    if ($_.FullyQualifiedErrorId -notlike '*,RepricingPS.Commands.*') {
        Write-RepricingAuditEntry -Script 'Invoke-ScheduledRepricing' -Status USER_ERROR -Action 'Scheduled repricing' -ErrorRecord $_ @log
    }
    Write-Error -ErrorRecord $_ -ErrorAction Continue
} finally {
    Stop-RepricingSession @log | Out-Null
}
exit $exitCode
