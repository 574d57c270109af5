# Renders every RepricingPS output type through its views, as a console shows it, into one text file, so that two builds
# of the module (for example main's and a branch's) can be diffed byte for byte (issue 15: views without script blocks
# must show exactly what they showed). Real objects from the sample legacy logs, a repricing, a disruption and a
# line-by-line run, plus hand-built objects with hostile values; every view (default, Format-List, Format-Table,
# Format-List *, Format-Table -AutoSize, Format-Wide, Format-Custom, the Detail view) at widths 80, 120 and 200, with
# $PSStyle.OutputRendering Ansi, Host and PlainText, in three cultures; plus what Get-Member, ConvertTo-Csv and
# ConvertTo-Json show of each type. Usage (main's module copied first, e.g. to /tmp/rps-main-module):
#   dotnet pwsh -NoProfile -File bench/Compare-ViewOutput.ps1 -ModulePath <psd1> -OutFile <file> -Scratch <dir>
#   and the same under `script -qec "..." /dev/null` for the terminal case; then cmp the files of the two builds.
# Run it twice per build, once with output redirected and once on a terminal (e.g. under `script`), since the status
# colour depends on [Console]::IsOutputRedirected. Everything it writes goes under -Scratch (same path for both builds).
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutFile,
    [Parameter(Mandatory)] [string] $Scratch,
    [string] $LegacyData = '/work/shared/data/legacy-audit'
)
$ErrorActionPreference = 'Stop'
if (Test-Path $Scratch) { Remove-Item $Scratch -Recurse -Force }
New-Item -ItemType Directory $Scratch | Out-Null
$env:REPRICING_AUDIT_PATH = Join-Path $Scratch 'audit'
$env:REPRICING_SPOOL_PATH = Join-Path $Scratch 'spool'
$env:XDG_DATA_HOME = Join-Path $Scratch 'xdg'
$env:XDG_CONFIG_HOME = Join-Path $Scratch 'xdg-config'
Import-Module $ModulePath
$quiet = @{ WarningAction = 'SilentlyContinue' }
$legacy = Join-Path $Scratch 'legacy'
Copy-Item $LegacyData $legacy -Recurse
$all = @{ Since = [datetime]'2020-01-01'; Until = [datetime]'2030-01-01' }
$fixed = [DateTimeOffset]::new(2026, 11, 27, 9, 8, 7, 654, [TimeSpan]::FromHours(-5))
$objects = [ordered]@{}

# Real output of the query cmdlets over the sample legacy logs.
$objects['legacy audit log'] = @(Get-RepricingAuditLog -LogPath $legacy @all @quiet)
$objects['legacy errors'] = @(Get-RepricingError -LogPath $legacy @all @quiet)
$summary = Get-RepricingErrorSummary -LogPath $legacy @all @quiet
$summary.GeneratedAt = $fixed
$objects['error summary'] = @($summary)
$objects['error summary -AsTable'] = @(Get-RepricingErrorSummary -LogPath $legacy @all -AsTable @quiet)
$report = Get-UserSupportReport -User Daniel -LogPath $legacy -Days 3650 @quiet
$report.GeneratedAt = $fixed
$report.Since = $fixed.AddDays(-3650)
$objects['user support report'] = @($report)
$config = Get-RepricingAuditConfiguration -LogPath $legacy
$objects['audit configuration'] = @($config)

# New-format entries written now (timestamps and ids fixed afterwards).
$root = Join-Path $Scratch 'log'
$written = @(
    Write-RepricingAuditEntry -Script 'Import-RepricingFile' -Status FILE_ERROR -Action 'Import File' -File '/data/in/claims.xlsx' -ErrorType FILE_NOT_FOUND -ErrorMessage 'Could not find file' -LogPath $root -PassThru
    Write-RepricingAuditEntry -Script 'Invoke-Repricing' -Status WARNING -Message 'Unmatched reversals: 3' -LogPath $root -PassThru
    Start-RepricingSession -Script 'Views' -LogPath $root
    Stop-RepricingSession -LogPath $root
)
foreach ($e in $written) { $e.Timestamp = $fixed; $e.SessionId = 'S'; $e.EntryId = 'E'; $e.Source = 'src'; $e.User = 'someone'; $e.Computer = 'PC'; $e.PSVersion = '7'; $e.OS = 'os' }
$written | ForEach-Object { $_.Message = $_.Message -replace [regex]::Escape([Environment]::UserName), 'someone' -replace [regex]::Escape([Environment]::MachineName), 'PC' }
$objects['new-format entries'] = $written

# Hand-built audit entries with hostile values.
function New-Entry([hashtable] $p) {
    $e = [RepricingPS.AuditEntry]::new()
    $e.Timestamp = $fixed
    foreach ($k in $p.Keys) { $e.$k = $p[$k] }
    $e
}
$objects['hostile entries'] = @(
    New-Entry @{}
    New-Entry @{ User = [NullString]::Value; Status = [NullString]::Value; Action = [NullString]::Value; Script = [NullString]::Value; Message = [NullString]::Value; File = [NullString]::Value; Error = [NullString]::Value }
    New-Entry @{ User = 'abcdefghij'; Status = 'warning'; Script = 'abcdefghijklmn'; Message = 'User: x | Computer: y | kept | PowerShell: 7 | Python: 3 | OS: z | File: f | Action: a' }
    New-Entry @{ User = 'abcdefghijk'; Status = 'Data_Error'; Script = 'abcdefghijklmno'; Error = '  spaced error  '; File = 'C:\in\claims.xlsx' }
    New-Entry @{ User = 'Zoë Ødegaard-Longname'; Status = 'ERROR'; Action = 'Export a very long action name'; Message = 'user: lower | COMPUTER: upper | OSX: kept | Files: kept | a|b | c |d'; File = '/data/in/' }
    New-Entry @{ Status = 'INFO'; Message = 'Saved claims.csv - User: jdoe on PC1'; File = '/out/claims.csv' }
    New-Entry @{ Status = 'INFO'; Message = 'Processed 3 files for user: jdoe'; File = 'relative\dir/mixed\leaf.txt' }
    New-Entry @{ Status = 'START'; Message = "line one - User: a`nline two"; File = 'leaf.txt' }
    New-Entry @{ Status = 'WARNING'; Message = ' | User: only | '; File = '\' }
    New-Entry @{ Status = 'WARNİNG'; Message = 'Uſer: long s | ACTİON: dotted | action: plain' }
    New-Entry @{ Status = 'USER_ERROR'; Error = 'bad [leaf.csv] input'; File = '/x/leaf.csv'; Message = 'ignored' }
    New-Entry @{ Status = 'FILE_ERROR'; Error = ''; Message = 'File: /x/y.csv | Action: Import | the text'; File = '/x/y.csv' }
)

# A real repricing, disruption and line-by-line run on generated sample data (durations and session ids fixed).
$set = New-RepricingSampleData (Join-Path $Scratch 'sample') -Claims 300
$set | Out-Null
$objects['sample data set'] = @($set)
$repriced = Invoke-Repricing $set.File1 $set.File2 (Join-Path $Scratch 'out') -Template $set.Template -LogPath $root @quiet
$repriced.Duration = [TimeSpan]::FromSeconds(1.5); $repriced.SessionId = 'S'
$objects['repricing result'] = @($repriced)
$disruption = $repriced | Invoke-RepricingDisruption -Kind Tier -OutputDirectory (Join-Path $Scratch 'disruption') -MediSpan $set.MediSpan -Universal $set.Universal `
    -Exclusive $set.Exclusive -Network $set.Network -DataAsCsv -LogPath $root @quiet
$disruption.Duration = [TimeSpan]::FromSeconds(2.25); $disruption.SessionId = 'S'
$objects['disruption result'] = @($disruption)
$objects['disruption summary rows'] = @($disruption.Summary)
$objects['disruption network rows'] = @($disruption.Network | Select-Object -First 5)
$lbl = $repriced | Export-RepricingLineByLine -Format EPLS -OutputDirectory (Join-Path $Scratch 'lbl') -LogPath $root @quiet
$lbl.Duration = [TimeSpan]::FromSeconds(0.75); $lbl.SessionId = 'S'
$objects['line-by-line result'] = @($lbl)

# Hand-built results with empty, missing and odd values.
$emptyRepricing = [RepricingPS.RepricingResult]::new()
$nullRepricing = [RepricingPS.RepricingResult]::new(); $nullRepricing.NetTotals = $null; $nullRepricing.Issues = $null; $nullRepricing.OutputFiles = $null
$nullRepricing.BothRows = 1234567; $nullRepricing.File1OnlyRows = -5
$objects['hostile repricing results'] = @($emptyRepricing, $nullRepricing)
$d1 = [RepricingPS.DisruptionResult]::new()
$d2 = [RepricingPS.DisruptionResult]::new(); $d2.WindowStart = [datetime]'2025-02-03'; $d2.Dropped = $null; $d2.Network = $null; $d2.Issues = $null; $d2.Summary = $null
$d2.TotalClaims = 1234.5; $d2.ClaimsRead = 1000000
$row = [RepricingPS.DisruptionSummaryRow]::new(); $row.Formulary = 'A formulary name longer than twenty'; $row.Utilizers = 12345; $row.Rxs = 6789.5; $row.PercentOfClaims = 0.123456
$d3 = [RepricingPS.DisruptionResult]::new(); $d3.WindowStart = [datetime]'2025-02-03'; $d3.WindowEnd = [datetime]'2026-01-31'; $d3.Summary = [RepricingPS.DisruptionSummaryRow[]]@($row, [RepricingPS.DisruptionSummaryRow]::new())
$objects['hostile disruption results'] = @($d1, $d2, $d3)
$objects['hostile summary rows'] = @($row, [RepricingPS.DisruptionSummaryRow]::new())
$l1 = [RepricingPS.LineByLineResult]::new(); $l2 = [RepricingPS.LineByLineResult]::new(); $l2.Issues = $null
$objects['hostile line-by-line results'] = @($l1, $l2)
$c1 = [RepricingPS.AuditConfiguration]::new(); $c2 = [RepricingPS.AuditConfiguration]::new(); $c2.LegacyFiles = $null
$objects['hostile configurations'] = @($c1, $c2)
$objects['empty reports'] = @([RepricingPS.ErrorSummary]::new(), [RepricingPS.UserSupportReport]::new())

$out = [System.Text.StringBuilder]::new()
function Add([string] $title, [string] $text) { [void]$out.Append("===== $title`n").Append($text).Append("`n") }
$hasStyle = $null -ne (Get-Variable PSStyle -ErrorAction Ignore)
Add 'redirected' ([Console]::IsOutputRedirected)
foreach ($culture in 'en-US', 'de-DE', 'tr-TR') {
    [cultureinfo]::CurrentCulture = $culture
    foreach ($rendering in 'Ansi', 'Host', 'PlainText') {
        if ($hasStyle) { $PSStyle.OutputRendering = $rendering }
        foreach ($width in 80, 120, 200) {
            foreach ($name in $objects.Keys) {
                $o = $objects[$name]
                $tag = "$name | $culture | $rendering | $width"
                Add "$tag | default" ($o | Out-String -Width $width)
                Add "$tag | Format-List" ($o | Format-List | Out-String -Width $width)
                Add "$tag | Format-Table" ($o | Format-Table | Out-String -Width $width)
                if ($width -eq 120) {
                    Add "$tag | Format-List *" ($o | Format-List * | Out-String -Width $width)
                    Add "$tag | Format-Table *" ($o | Format-Table * | Out-String -Width $width)
                    Add "$tag | Format-Table -AutoSize" ($o | Format-Table -AutoSize | Out-String -Width $width)
                    Add "$tag | Format-Wide" ($o | Format-Wide | Out-String -Width $width)
                    Add "$tag | Format-Custom" ($o | Format-Custom -Depth 1 | Out-String -Width $width)
                    if ($o[0] -is [RepricingPS.AuditEntry]) { Add "$tag | Detail" ($o | Format-List -View Detail | Out-String -Width $width) }
                }
            }
        }
    }
}
[cultureinfo]::CurrentCulture = 'en-US'
foreach ($name in $objects.Keys) {
    $o = $objects[$name]
    Add "$name | Get-Member" (($o | Get-Member | Out-String -Width 300))
    Add "$name | ConvertTo-Csv" (($o | ConvertTo-Csv -NoTypeInformation) -join "`n")
    Add "$name | ConvertTo-Json" ($o | ConvertTo-Json -Depth 2 -WarningAction SilentlyContinue)
    Add "$name | Select-Object *" (($o | Select-Object * | Format-List | Out-String -Width 200))
}
[IO.File]::WriteAllText($OutFile, $out.ToString())
