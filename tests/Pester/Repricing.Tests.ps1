BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEnvironment.ps1')
    $env:REPRICING_AUDIT_PATH = Join-Path $TestDrive 'log'
    New-Item -ItemType Directory $env:REPRICING_AUDIT_PATH | Out-Null
    $sample = New-RepricingSampleData -OutputDirectory (Join-Path $TestDrive 'in') -Claims 2000 -Seed 3
    $example = Join-Path $TestDrive 'example'
    New-Item -ItemType Directory $example | Out-Null
    @'
SOURCERECORDID,ClientName,DATEFILLED,MemberID,NDC,Drug Name,QUANTITY,DAYSUPPLY,Pharmacy Name,PHARMACYNPI,NABP,GrossCost
1001,Acme Health,2025-01-05,M001,00093505601,ATORVASTATIN 20 MG TAB,30,30,MAIN ST PHARMACY,1234567890,1234567,12.50
1002,Acme Health,2025-01-05,M001,00093505601,ATORVASTATIN 20 MG TAB,30,30,MAIN ST PHARMACY,1234567890,1234567,12.50
1003,Acme Health,2025-01-19,M001,00093505601,ATORVASTATIN 20 MG TAB,-30,-30,MAIN ST PHARMACY,1234567890,1234567,-12.50
1004,Acme Health,2025-02-01,M002,00378395477,LISINOPRIL 10 MG TAB,90,90,CVS PHARMACY #123,1111111111,7654321,8.00
1005,Acme Health,2025-03-20,M003,00002143380,TRULICITY 1.5 MG/0.5 ML,-2,-28,WALGREENS #55,2222222222,5555555,-900.00
1006,Acme Health,2025-01-10,M004,00172208380,METFORMIN 500 MG TAB,60,30,MAIN ST PHARMACY,1234567890,1234567,4.00
1007,Acme Health,2025-03-01,M004,00172208380,METFORMIN 500 MG TAB,-60,-30,MAIN ST PHARMACY,1234567890,1234567,-4.00
1008,Acme Health,2025-02-15,M005,00093505601,ATORVASTATIN 20 MG TAB,30,30,MAIN ST PHARMACY,1234567890,1234567,12.50
'@ | Set-Content (Join-Path $example 'file1.csv')
    @'
Source Record ID,Total AWP (Historical),Rx Sense Ing Cost,RxSense Dispense Fee,RxSense Total Cost
1001,45.10,10.20,1.75,11.95
1002,45.10,10.20,1.75,11.95
1003,-45.10,-10.20,-1.75,-11.95
1004,30.25,5.10,1.75,6.85
1005,-1890.40,-850.00,-1.75,-851.75
1006,12.00,2.10,1.75,3.85
1007,-12.00,-2.10,-1.75,-3.85
1099,5.00,1.00,1.75,2.75
'@ | Set-Content (Join-Path $example 'file2.csv')
}

Describe 'Import-RepricingFile' -Tag 'Repricing' {
    It 'returns a typed RepricingFile without dumping its rows' {
        $f = Import-RepricingFile -Path (Join-Path $example 'file1.csv') -Role File1
        $f.PSObject.TypeNames[0] | Should -Be 'RepricingPS.RepricingFile'
        ($f.Role, $f.Format, $f.RowCount, $f.OpportunityName) | Should -Be @('File1', 'csv', 8, 'Acme Health')
        $f.Columns | Should -Contain 'DATEFILLED'
        $f.PSObject.Properties.Name | Should -Not -Contain 'Data'
        ($f | Out-String) | Should -Not -Match 'ATORVASTATIN'
    }

    It 'takes paths from the pipeline, including Get-ChildItem output, and relative paths' {
        $files = Get-ChildItem $example -Filter 'file*.csv' | Where-Object Name -eq 'file2.csv' | Import-RepricingFile -Role File2
        $files.RowCount | Should -Be 8
        Push-Location $example
        try { (Import-RepricingFile -Path './file2.csv' -Role File2).Path | Should -Be (Join-Path $example 'file2.csv') } finally { Pop-Location }
    }

    It 'writes FILE_ERROR and a FileNotFound error when the file is missing, and goes on with the next' {
        $r = Import-RepricingFile -Path (Join-Path $TestDrive 'missing.csv'), (Join-Path $example 'file2.csv') -Role File2 -ErrorVariable e -ErrorAction SilentlyContinue
        @($r).Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -Be 'FileNotFound,RepricingPS.Commands.ImportRepricingFileCommand'
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        (Get-RepricingError -Days 1 -Category FILE_ERROR | Where-Object File -like '*missing.csv').Count | Should -BeGreaterThan 0
    }

    It 'is a piece of work of its own: PROCESS_START, then PROCESS_END Outcome: Succeeded with its rows, or Failed (audit-log.md §3)' {
        $log = Join-Path $TestDrive 'import-outcome'
        Import-RepricingFile -Path (Join-Path $example 'file1.csv') -Role File1 -LogPath $log | Out-Null
        Import-RepricingFile -Path (Join-Path $TestDrive 'missing.csv') -Role File1 -LogPath $log -ErrorAction SilentlyContinue
        $entries = @(Get-RepricingAuditLog -LogPath $log -Days 1)
        @($entries | Where-Object Status -eq 'PROCESS_START').Count | Should -Be 2
        $ends = @($entries | Where-Object Status -eq 'PROCESS_END' | Sort-Object Timestamp)
        $ends.Count | Should -Be 2
        @($ends | Where-Object Message -like 'Outcome: Succeeded | Rows: 8 |*').Count | Should -Be 1 # §8's File1 has 8 rows
        @($ends | Where-Object Message -like 'Outcome: Failed*').Count | Should -Be 1
        @($entries | Where-Object IsError).Count | Should -Be 1 -Because 'the failed import is logged once, not by the import and again by its run'
    }

    It 'reports a wildcard that matches nothing, and a folder, as FILE_ERRORs naming the reason (spec §9)' {
        Import-RepricingFile -Path (Join-Path $TestDrive 'nothing-here*.csv') -Role File1 -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -Be 'FileNotFound,RepricingPS.Commands.ImportRepricingFileCommand'
        Import-RepricingFile -LiteralPath $TestDrive -Role File1 -ErrorVariable f -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $f[0].FullyQualifiedErrorId | Should -Be 'PathIsFolder,RepricingPS.Commands.ImportRepricingFileCommand'
        $f[0].CategoryInfo.Reason | Should -Be 'FILE_ERROR'
    }

    It 'refuses .xls with UnsupportedFileType' {
        $xls = Join-Path $TestDrive 'old.xls'; 'x' | Set-Content $xls
        { Import-RepricingFile -Path $xls -Role File1 -ErrorAction Stop } | Should -Throw -ErrorId 'UnsupportedFileType,RepricingPS.Commands.ImportRepricingFileCommand'
    }

    It 'writes its END even when -ErrorAction Stop turns a failed import into a throw' {
        $missing = Join-Path $TestDrive 'stop-missing.csv'
        { Import-RepricingFile -Path $missing -Role File1 -ErrorAction Stop } | Should -Throw -ErrorId 'FileNotFound,RepricingPS.Commands.ImportRepricingFileCommand'
        $err = Get-RepricingError -Days 1 -Category FILE_ERROR | Where-Object File -eq $missing | Select-Object -First 1
        $run = @(Get-RepricingAuditLog -Days 1 | Where-Object SessionId -eq $err.SessionId)
        $run[0].Status | Should -Be 'START'
        $run[-1].Status | Should -Be 'END'
    }

    It 'reads a Windows-1252 CSV as such, with a warning' {
        $cp1252 = Join-Path $TestDrive 'file1-1252.csv'
        $text = (Get-Content (Join-Path $example 'file1.csv') -Raw) -replace 'Acme Health', 'Société Émile'
        [IO.File]::WriteAllBytes($cp1252, [Text.Encoding]::GetEncoding('ISO-8859-1').GetBytes($text))
        $f = Import-RepricingFile $cp1252 -Role File1 -WarningVariable w -WarningAction SilentlyContinue
        $f.OpportunityName | Should -Be 'Société Émile'
        "$w" | Should -BeLike '*Windows-1252*'
    }

    It 'says that -Sheet does not apply to a .csv file, and reads it whole' {
        $csv = Join-Path $example 'file1.csv'
        $f = Import-RepricingFile $csv -Role File1 -Sheet 'April claims' -WarningVariable w -WarningAction SilentlyContinue
        $f.RowCount | Should -Be (Import-RepricingFile $csv -Role File1).RowCount
        @($w).Count | Should -Be 1
        "$w" | Should -Be "Sheet 'April claims' was asked for, but 'file1.csv' is a .csv file, which has no sheets: it was read whole."
    }

    It 'stops with UnbalancedQuote naming the line where a quote opens and never closes' {
        $bad = Join-Path $TestDrive 'file1-quote.csv'
        (Get-Content (Join-Path $example 'file1.csv') -Raw) -replace '1003,Acme Health,', '1003,"Acme Health,' | Set-Content $bad -NoNewline
        { Import-RepricingFile $bad -Role File1 -ErrorAction Stop } | Should -Throw -ErrorId 'UnbalancedQuote,RepricingPS.Commands.ImportRepricingFileCommand' -ExpectedMessage '*line 4 *'
    }

    It 'imports a small valid workbook with whitespace inside <sheetData> at once' {
        $out = Join-Path $TestDrive 'out-xlsx-src'
        Invoke-Repricing (Join-Path $example 'file1.csv') (Join-Path $example 'file2.csv') $out -Xlsx -WarningAction SilentlyContinue | Out-Null
        $hostile = Join-Path $TestDrive 'hostile.xlsx'
        Copy-Item (Join-Path $out 'Acme Health_merged_file_with_OR.xlsx') $hostile
        Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::Open($hostile, 'Update')
        try {
            $entry = $zip.GetEntry('xl/worksheets/sheet1.xml')
            $reader = [IO.StreamReader]::new($entry.Open()); $xml = $reader.ReadToEnd(); $reader.Dispose()
            $entry.Delete()
            $writer = [IO.StreamWriter]::new($zip.CreateEntry('xl/worksheets/sheet1.xml').Open())
            $writer.Write($xml.Replace('<sheetData>', '<sheetData>' + (' ' * 8192))); $writer.Dispose()
        } finally { $zip.Dispose() }
        $module = $env:REPRICINGPS_TEST_MODULE; $log = $env:REPRICING_AUDIT_PATH
        $job = Start-ThreadJob { Import-Module $using:module; (Import-RepricingFile $using:hostile -Role File1 -LogPath $using:log).RowCount }
        $finished = Wait-Job $job -Timeout 60
        $finished | Should -Not -BeNullOrEmpty -Because 'the import of a 9-row workbook must not hang'
        Receive-Job $job | Should -Be 9
        Remove-Job $job -Force
    }

    It 'completes -Role values' {
        $line = 'Import-RepricingFile -Role Fi'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('File1', 'File2')
    }
}

Describe 'Invoke-Repricing' -Tag 'Repricing' {
    It 'reprices the worked example from paths' {
        $out = Join-Path $TestDrive 'out-example'
        $r = Invoke-Repricing -File1 (Join-Path $example 'file1.csv') -File2 (Join-Path $example 'file2.csv') -OutputDirectory $out
        $r.PSObject.TypeNames[0] | Should -Be 'RepricingPS.RepricingResult'
        ($r.MergedRows, $r.MatchedPairs, $r.UnmatchedReversals, $r.ORRows) | Should -Be @(9, 1, 2, 4)
        $r.NetTotals.TotalAwp | Should -Be 87.35
        $merged = Import-Csv (Join-Path $out 'Acme Health_merged_file_with_OR.csv')
        ($merged | Where-Object SOURCERECORDID -eq '1001').NDC | Should -Be '00093505601'
        ($merged | Where-Object SOURCERECORDID -eq '1099').MergeSide | Should -Be 'File2Only'
        ($r | Out-String) | Should -Match 'MatchedPairs'
    }

    It 'takes imported files and fills the template, with progress and a warning for unmatched reversals' {
        $f1 = Import-RepricingFile $sample.File1 -Role File1
        $f2 = Import-RepricingFile $sample.File2 -Role File2
        $out = Join-Path $TestDrive 'out-sample'
        $r = Invoke-Repricing -File1 $f1 -File2 $f2 -OutputDirectory $out -Template $sample.Template -WarningVariable w -WarningAction SilentlyContinue
        $r.OutputFiles.Count | Should -Be 4
        "$w" | Should -BeLike '*reversal(s) have no matching claim*'
        Test-Path (Join-Path $out '_Rx Repricing_wf.xlsx') | Should -BeTrue
        (Import-Csv (Join-Path $out 'Acme Health Claim Detail.csv') | Select-Object -First 1).Logic | Should -Match '^-?\d+(\.\d+)?$'
    }

    It 'reads a path input inside its run: a File1 it cannot read ends the run with PROCESS_END Outcome: Failed at stage read' {
        $log = Join-Path $TestDrive 'reprice-read-fails'
        Invoke-Repricing -File1 (Join-Path $TestDrive 'no-such-file1.csv') -File2 (Join-Path $example 'file2.csv') -OutputDirectory (Join-Path $TestDrive 'out-read-fails') -LogPath $log -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -Be 'FileNotFound,RepricingPS.Commands.InvokeRepricingCommand'
        $entries = @(Get-RepricingAuditLog -LogPath $log -Days 1)
        @($entries | Where-Object Status -eq 'PROCESS_START').Count | Should -Be 1
        @($entries | Where-Object Status -eq 'PROCESS_END').Message | Should -BeLike 'Outcome: Failed at stage read*'
        @($entries | Where-Object IsError).ErrorType | Should -Be @('FILE_NOT_FOUND')
        Test-Path (Join-Path $TestDrive 'out-read-fails') | Should -BeFalse
    }

    It 'writes nothing with -WhatIf, not even an audit entry' {
        $before = @(Get-RepricingAuditLog -Days 1).Count
        $out = Join-Path $TestDrive 'out-whatif'
        Invoke-Repricing -File1 (Join-Path $example 'file1.csv') -File2 (Join-Path $example 'file2.csv') -OutputDirectory $out -WhatIf 6>&1 | Out-Null
        Test-Path $out | Should -BeFalse
        @(Get-RepricingAuditLog -Days 1).Count | Should -Be $before
    }

    It 'stops with DuplicateKey and writes DATA_ERROR, leaving no outputs' {
        $dup = Join-Path $TestDrive 'dup2.csv'
        (Get-Content (Join-Path $example 'file2.csv')) + '1002,45.10,10.20,1.75,11.95' | Set-Content $dup
        $out = Join-Path $TestDrive 'out-dup'
        { Invoke-Repricing -File1 (Join-Path $example 'file1.csv') -File2 $dup -OutputDirectory $out -ErrorAction Stop } |
            Should -Throw -ErrorId 'DuplicateKey,RepricingPS.Commands.InvokeRepricingCommand'
        (Get-ChildItem $out -ErrorAction SilentlyContinue).Count | Should -Be 0
        $e = Get-RepricingError -Days 1 -Category DATA_ERROR -First 1
        $e.Error | Should -BeLike 'Duplicate SOURCERECORDID in File2: 1002*'
        $e.Script | Should -Be 'Invoke-Repricing'
    }

    It 'refuses File2 given as -File1 with WrongFileRole' {
        $f2 = Import-RepricingFile (Join-Path $example 'file2.csv') -Role File2
        { Invoke-Repricing -File1 $f2 -File2 $f2 -OutputDirectory (Join-Path $TestDrive 'x') } | Should -Throw -ErrorId 'WrongFileRole,RepricingPS.Commands.InvokeRepricingCommand'
    }

    It 'refuses to overwrite outputs without -Force' {
        $out = Join-Path $TestDrive 'out-twice'
        Invoke-Repricing (Join-Path $example 'file1.csv') (Join-Path $example 'file2.csv') $out | Out-Null
        { Invoke-Repricing (Join-Path $example 'file1.csv') (Join-Path $example 'file2.csv') $out -ErrorAction Stop } | Should -Throw -ErrorId 'OutputExists,RepricingPS.Commands.InvokeRepricingCommand'
        (Invoke-Repricing (Join-Path $example 'file1.csv') (Join-Path $example 'file2.csv') $out -Force).MergedRows | Should -Be 9
    }

    It 'reports an output folder it cannot write as a WriteError, leaving nothing behind' {
        $blocker = Join-Path $TestDrive 'blocker'
        'a file, not a folder' | Set-Content $blocker
        $record = $null
        try { Invoke-Repricing (Join-Path $example 'file1.csv') (Join-Path $example 'file2.csv') (Join-Path $blocker 'out') -ErrorAction Stop } catch { $record = $_ }
        $record.FullyQualifiedErrorId | Should -Be 'OutputNotWritable,RepricingPS.Commands.InvokeRepricingCommand'
        $record.CategoryInfo.Category | Should -Be 'WriteError'
    }

    It 'guards formulas in its CSV outputs but leaves negative numbers alone' {
        $hostile = Join-Path $TestDrive 'file1-formula.csv'
        (Get-Content (Join-Path $example 'file1.csv') -Raw) -replace 'LISINOPRIL 10 MG TAB', '@SUM(1)' -replace 'CVS PHARMACY #123', '=1+1' | Set-Content $hostile -NoNewline
        $out = Join-Path $TestDrive 'out-formula'
        Invoke-Repricing $hostile (Join-Path $example 'file2.csv') $out -WarningAction SilentlyContinue | Out-Null
        $merged = Import-Csv (Join-Path $out 'Acme Health_merged_file_with_OR.csv')
        $row = $merged | Where-Object SOURCERECORDID -eq '1004'
        ($row.'Drug Name', $row.'Pharmacy Name') | Should -Be @("'@SUM(1)", "'=1+1")
        ($merged | Where-Object SOURCERECORDID -eq '1003').QUANTITY | Should -Be '-30'
    }

    It 'is stopped cleanly: no outputs, PROCESS_END Cancelled, END' {
        $big = New-RepricingSampleData -OutputDirectory (Join-Path $TestDrive 'big') -Claims 300000 -Seed 5
        $out = Join-Path $TestDrive 'out-cancel'
        $module = $env:REPRICINGPS_TEST_MODULE
        $log = $env:REPRICING_AUDIT_PATH
        $big1 = $big.File1; $big2 = $big.File2
        $job = Start-ThreadJob -ScriptBlock {
            Import-Module $using:module
            Invoke-Repricing -File1 $using:big1 -File2 $using:big2 -OutputDirectory $using:out -LogPath $using:log
        }
        $deadline = (Get-Date).AddSeconds(60)
        while ((Get-Date) -lt $deadline -and -not (Get-RepricingAuditLog -Days 1 -Status PROCESS_START -Match $out)) { Start-Sleep -Milliseconds 20 }
        Stop-Job $job
        Remove-Job $job -Force
        $session = (Get-RepricingAuditLog -Days 1 -Status PROCESS_START -Match $out).SessionId
        $run = Get-RepricingAuditLog -Days 1 | Where-Object SessionId -eq $session
        ($run | Where-Object Status -eq PROCESS_END).Message | Should -BeLike 'Outcome: Cancelled*'
        @($run | Where-Object IsError).Count | Should -Be 0 -Because 'a stop is not an error'
        $run[-1].Status | Should -Be 'END'
        @(Get-ChildItem $out -ErrorAction SilentlyContinue).Count | Should -Be 0
    }
}

Describe 'New-RepricingSampleData' -Tag 'Repricing' {
    It 'writes the same files for the same seed' {
        $a = New-RepricingSampleData -OutputDirectory (Join-Path $TestDrive 's1') -Claims 500 -Seed 9
        $b = New-RepricingSampleData -OutputDirectory (Join-Path $TestDrive 's2') -Claims 500 -Seed 9
        (Get-FileHash $a.File1).Hash | Should -Be (Get-FileHash $b.File1).Hash
        $a.PSObject.TypeNames[0] | Should -Be 'RepricingPS.SampleDataSet'
    }
}

Describe 'examples/Invoke-ScheduledRepricing.ps1' -Tag 'Repricing', 'Slow' {
    BeforeAll {
        $script = (Resolve-Path (Join-Path $PSScriptRoot '../../examples/Invoke-ScheduledRepricing.ps1')).Path
        function Invoke-Scheduled([string] $in, [string] $out) {
            $log = Join-Path $TestDrive 'scheduled-log'
            New-Item -ItemType Directory $log -Force | Out-Null
            $pwshArgs = @('-NoProfile', '-NonInteractive', '-File', $script, '-InputDirectory', $in, '-OutputDirectory', $out, '-LogPath', $log, '-ModulePath', $env:REPRICINGPS_TEST_MODULE)
            # A fresh PowerShell process, as a scheduled task starts one.
            $output = Invoke-TestPwsh $pwshArgs 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = "$output"; Log = $log }
        }
    }

    It 'exits 0 and writes the outputs when the run succeeds' {
        $in = Join-Path $TestDrive 'sched-in'
        New-Item -ItemType Directory $in | Out-Null
        Copy-Item (Join-Path $example 'file1.csv') (Join-Path $in 'File1.csv')
        Copy-Item (Join-Path $example 'file2.csv') (Join-Path $in 'File2.csv')
        $r = Invoke-Scheduled $in (Join-Path $TestDrive 'sched-out')
        $r.ExitCode | Should -Be 0 -Because $r.Output
        Test-Path (Join-Path $TestDrive 'sched-out/Acme Health Claim Detail.csv') | Should -BeTrue
        (Get-RepricingAuditLog -LogPath $r.Log -Days 1).Status | Should -Contain 'PROCESS_END'
    }

    It 'exits non-zero with the error in the audit log when an input is missing' {
        $in = Join-Path $TestDrive 'sched-empty'
        New-Item -ItemType Directory $in | Out-Null
        $r = Invoke-Scheduled $in (Join-Path $TestDrive 'sched-out2')
        $r.ExitCode | Should -Not -Be 0
        (Get-RepricingError -LogPath $r.Log -Days 1 | Where-Object Script -eq 'Invoke-ScheduledRepricing').Error | Should -BeLike 'Expected exactly one File1.*'
    }
}

Describe 'Invoke-Repricing with a missing template' -Tag 'Repricing' {
    It 'is FileNotFound with a FILE_ERROR in the log and no outputs' {
        $out = Join-Path $TestDrive 'out-notemplate'
        { Invoke-Repricing (Join-Path $example 'file1.csv') (Join-Path $example 'file2.csv') $out -Template (Join-Path $TestDrive 'nope.xlsx') -ErrorAction Stop } |
            Should -Throw -ErrorId 'FileNotFound,RepricingPS.Commands.InvokeRepricingCommand'
        (Get-RepricingError -Days 1 -Category FILE_ERROR -First 1).File | Should -BeLike '*nope.xlsx'
        Test-Path $out | Should -BeFalse
    }
}
