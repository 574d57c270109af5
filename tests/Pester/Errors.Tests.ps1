BeforeDiscovery {
    # The inputs ($in, $refs) are made in BeforeAll; the script blocks find them when the tests run.
    $cases = @(
        @{ Name = 'Import-RepricingFile, a missing file'; Class = 'ImportRepricingFileCommand'; Id = 'FileNotFound'; Status = 'FILE_ERROR'
            Invoke = { param($out, $log) Import-RepricingFile (Join-Path $in 'missing.csv') -Role File1 -LogPath $log @args } }
        @{ Name = 'Import-RepricingFile, no data rows'; Class = 'ImportRepricingFileCommand'; Id = 'NoDataRows'; Status = 'DATA_ERROR'
            Invoke = { param($out, $log) Import-RepricingFile (Join-Path $in 'header-only.csv') -Role File1 -LogPath $log @args } }
        @{ Name = 'Invoke-Repricing, a missing file'; Class = 'InvokeRepricingCommand'; Id = 'FileNotFound'; Status = 'FILE_ERROR'
            Invoke = { param($out, $log) Invoke-Repricing (Join-Path $in 'missing.csv') (Join-Path $in 'file2.csv') $out -LogPath $log @args } }
        @{ Name = 'Invoke-Repricing, duplicate keys'; Class = 'InvokeRepricingCommand'; Id = 'DuplicateKey'; Status = 'DATA_ERROR'
            Invoke = { param($out, $log) Invoke-Repricing (Join-Path $in 'file1.csv') (Join-Path $in 'file2-dup.csv') $out -LogPath $log @args } }
        @{ Name = 'Invoke-Repricing, outputs that exist'; Class = 'InvokeRepricingCommand'; Id = 'OutputExists'; Status = 'USER_ERROR'; Prepare = $true
            Invoke = { param($out, $log) Invoke-Repricing (Join-Path $in 'file1.csv') (Join-Path $in 'file2.csv') $out -LogPath $log @args } }
        @{ Name = 'Invoke-RepricingDisruption, a missing file'; Class = 'InvokeRepricingDisruptionCommand'; Id = 'FileNotFound'; Status = 'FILE_ERROR'
            Invoke = { param($out, $log) Invoke-RepricingDisruption (Join-Path $in 'missing.csv') -Kind Tier -OutputDirectory $out -LogPath $log @refs @args } }
        @{ Name = 'Invoke-RepricingDisruption, no dated claims'; Class = 'InvokeRepricingDisruptionCommand'; Id = 'NoDatedClaims'; Status = 'DATA_ERROR'
            Invoke = { param($out, $log) Invoke-RepricingDisruption (Join-Path $in 'claims-undated.csv') -Kind Tier -OutputDirectory $out -LogPath $log @refs @args } }
        @{ Name = 'Invoke-RepricingDisruption, an output that exists'; Class = 'InvokeRepricingDisruptionCommand'; Id = 'OutputExists'; Status = 'USER_ERROR'; Prepare = $true
            Invoke = { param($out, $log) Invoke-RepricingDisruption (Join-Path $in 'claims.csv') -Kind Tier -OutputDirectory $out -LogPath $log @refs @args } }
        @{ Name = 'Export-RepricingLineByLine, a missing file'; Class = 'ExportRepricingLineByLineCommand'; Id = 'FileNotFound'; Status = 'FILE_ERROR'
            Invoke = { param($out, $log) Export-RepricingLineByLine (Join-Path $in 'missing.csv') -Format EPLS -OutputDirectory $out -LogPath $log @args } }
        @{ Name = 'Export-RepricingLineByLine, a quote that never closes'; Class = 'ExportRepricingLineByLineCommand'; Id = 'UnbalancedQuote'; Status = 'DATA_ERROR'
            Invoke = { param($out, $log) Export-RepricingLineByLine (Join-Path $in 'lbl-bad-quote.csv') -Format EPLS -OutputDirectory $out -LogPath $log @args } }
        @{ Name = 'Export-RepricingLineByLine, an output that exists'; Class = 'ExportRepricingLineByLineCommand'; Id = 'OutputExists'; Status = 'USER_ERROR'; Prepare = $true
            Invoke = { param($out, $log) Export-RepricingLineByLine (Join-Path $in 'lbl.csv') -Format EPLS -OutputDirectory $out -LogPath $log @args } }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEnvironment.ps1')
    $in = Join-Path $TestDrive 'in'
    New-Item -ItemType Directory $in | Out-Null
    "SOURCERECORDID,ClientName,DATEFILLED,MemberID,NDC,Drug Name,QUANTITY,DAYSUPPLY,Pharmacy Name,PHARMACYNPI,NABP,GrossCost`n1001,Acme Health,2025-01-05,M001,00093505601,ATORVASTATIN 20 MG TAB,30,30,MAIN ST PHARMACY,1234567890,1234567,12.50" |
        Set-Content (Join-Path $in 'file1.csv')
    "Source Record ID,Total AWP (Historical),Rx Sense Ing Cost,RxSense Dispense Fee,RxSense Total Cost`n1001,45.10,10.20,1.75,11.95" | Set-Content (Join-Path $in 'file2.csv')
    "Source Record ID,Total AWP (Historical),Rx Sense Ing Cost,RxSense Dispense Fee,RxSense Total Cost`n1001,45.10,10.20,1.75,11.95`n1001,45.10,10.20,1.75,11.95" | Set-Content (Join-Path $in 'file2-dup.csv')
    'SOURCERECORDID,ClientName,DATEFILLED' | Set-Content (Join-Path $in 'header-only.csv')
    "NDC,Maint Drug?,Product Name`n00093505601,Y,Atorvastatin Calcium" | Set-Content (Join-Path $in 'medispan.csv')
    "NDC,Tier`n00093505601,1" | Set-Content (Join-Path $in 'universal.csv')
    "NDC,Tier,Alternative`n00093505601,1," | Set-Content (Join-Path $in 'exclusive.csv')
    "pharmacy_nabp,pharmacy_npi,pharmacy_is_excluded`n1234567,1234567890,no" | Set-Content (Join-Path $in 'network.csv')
    "SOURCERECORDID,DATEFILLED,MemberID,NDC,FormularyTier,Logic,Rxs,PHARMACYNPI,NABP,Pharmacy Name`nC1,2025-06-01,M1,00093505601,2,1,1,1234567890,1234567,MAIN ST PHARMACY" |
        Set-Content (Join-Path $in 'claims.csv')
    "SOURCERECORDID,DATEFILLED,MemberID,NDC,FormularyTier,Logic,Rxs,PHARMACYNPI,NABP,Pharmacy Name`nC1,,M1,00093505601,2,1,1,1234567890,1234567,MAIN ST PHARMACY" |
        Set-Content (Join-Path $in 'claims-undated.csv')
    "MONY,Rxs,Rx Sense Ing Cost,RxSense Dispense Fee,RxSense Total Cost,Total AWP (Historical),Pharmacy Name,INPUTFILECHANNEL,DATEFILLED,MemberID,DAYSUPPLY,QUANTITY,NDC,DST Drug Name,GrossCost,Universal Rebates,Exclusive Rebates,Specialty Vlookup,Logic`nY,1,10.20,1.75,11.95,45.10,MAIN ST PHARMACY,RETAIL,2025-06-01,M001,30,30,00093505601,ATORVASTATIN,12.50,1.00,2.00,Yes,1" |
        Set-Content (Join-Path $in 'lbl.csv')
    (Get-Content (Join-Path $in 'lbl.csv')) -replace ',MAIN ST PHARMACY,', ',"MAIN ST PHARMACY,' | Set-Content (Join-Path $in 'lbl-bad-quote.csv')
    $refs = @{
        MediSpan = Join-Path $in 'medispan.csv'; Universal = Join-Path $in 'universal.csv'
        Exclusive = Join-Path $in 'exclusive.csv'; Network = Join-Path $in 'network.csv'
    }
    $script:run = 0

    # Each case runs against its own log and output folder; -Prepare makes the output exist already.
    function New-Case([hashtable] $case) {
        $script:run++
        $log = Join-Path $TestDrive "log-$($script:run)"
        $out = Join-Path $TestDrive "out-$($script:run)"
        New-Item -ItemType Directory $log | Out-Null
        $invoke = $case.Invoke
        if ($case.Prepare) { & $invoke $out $log -ErrorAction Stop | Out-Null }
        $session = @((Get-RepricingAuditLog -LogPath $log -Days 1).SessionId | Select-Object -Unique)
        [pscustomobject]@{ Log = $log; Out = $out; Invoke = $invoke; Before = $session }
    }

    # The audit entries of the failing run: its error once, PROCESS_END once for every PROCESS_START, END once.
    function Assert-RunAudited($c, [string] $status) {
        $entries = @(Get-RepricingAuditLog -LogPath $c.Log -Days 1 | Where-Object SessionId -notin $c.Before)
        @($entries | Where-Object Status -eq $status).Count | Should -Be 1 -Because "one $status entry"
        @($entries | Where-Object Status -eq 'END').Count | Should -Be 1 -Because 'one END'
        $starts = @($entries | Where-Object Status -eq 'PROCESS_START').Count
        @($entries | Where-Object Status -eq 'PROCESS_END').Count | Should -Be $starts -Because 'a PROCESS_END for every PROCESS_START'
        if ($starts) { ($entries | Where-Object Status -eq 'PROCESS_END').Message | Should -BeLike 'Outcome: Failed*' }
    }

}

Describe 'Work cmdlets: a failed input or output is a non-terminating error, as with Import-Csv' {
    It '<Name>: by default the error is in $Error and the script goes on' -ForEach $cases {
        $c = New-Case $_
        $Error.Clear()
        $after = & { & $c.Invoke $c.Out $c.Log -ErrorAction Continue 2>$null; 'went on' }
        $after | Should -Be 'went on'
        $Error.Count | Should -Be 1
        $Error[0].FullyQualifiedErrorId | Should -Be "$Id,RepricingPS.Commands.$Class"
        $Error[0].CategoryInfo.Reason | Should -Be $Status
        Assert-RunAudited $c $Status
    }

    It '<Name>: -ErrorAction SilentlyContinue writes nothing, goes on, and keeps the error in -ErrorVariable' -ForEach $cases {
        $c = New-Case $_
        # Dot-sourced, so -ErrorVariable lands in this scope and not the case's script block's.
        $streams = @(. $c.Invoke $c.Out $c.Log -ErrorAction SilentlyContinue -ErrorVariable ev 2>&1)
        $streams.Count | Should -Be 0
        $ev.Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -Be "$Id,RepricingPS.Commands.$Class"
        Assert-RunAudited $c $Status
    }

    It '<Name>: -ErrorAction Ignore leaves not even $Error' -ForEach $cases {
        $c = New-Case $_
        $Error.Clear()
        $streams = @(& { & $c.Invoke $c.Out $c.Log -ErrorAction Ignore; 'went on' } 2>&1)
        $streams | Should -Be @('went on')
        $Error.Count | Should -Be 0
        Assert-RunAudited $c $Status
    }

    It '<Name>: -ErrorAction Stop throws it' -ForEach $cases {
        $c = New-Case $_
        { & $c.Invoke $c.Out $c.Log -ErrorAction Stop } | Should -Throw -ErrorId "$Id,RepricingPS.Commands.$Class"
        Assert-RunAudited $c $Status
    }
}

Describe 'Work cmdlets: an unusable parameter still stops the command' {
    It 'Invoke-Repricing with File2 as -File1 throws WrongFileRole even under SilentlyContinue' {
        $f2 = Import-RepricingFile (Join-Path $in 'file2.csv') -Role File2 -LogPath (Join-Path $TestDrive 'log-role')
        { Invoke-Repricing -File1 $f2 -File2 $f2 -OutputDirectory (Join-Path $TestDrive 'x') -LogPath (Join-Path $TestDrive 'log-role') -ErrorAction SilentlyContinue } |
            Should -Throw -ErrorId 'WrongFileRole,RepricingPS.Commands.InvokeRepricingCommand'
    }

    It 'Export-RepricingLineByLine with a claims argument of the wrong type throws InvalidClaimsArgument under SilentlyContinue' {
        { Export-RepricingLineByLine -Claims 42 -Format EPLS -OutputDirectory (Join-Path $TestDrive 'y') -LogPath (Join-Path $TestDrive 'log-claims') -ErrorAction SilentlyContinue } |
            Should -Throw -ErrorId 'InvalidClaimsArgument,RepricingPS.Commands.ExportRepricingLineByLineCommand'
    }
}

Describe 'Work cmdlets: a pipeline of several inputs is one implicit session' {
    It 'Invoke-RepricingDisruption with a bad claims file and a good one piped in: one START, one END, a run each, the good one done' {
        $log = Join-Path $TestDrive 'log-piped'
        $out = Join-Path $TestDrive 'out-piped'
        $r = @((Join-Path $in 'missing.csv'), (Join-Path $in 'claims.csv') | Invoke-RepricingDisruption -Kind Tier -OutputDirectory $out -LogPath $log @refs -ErrorAction SilentlyContinue -ErrorVariable e -WarningAction SilentlyContinue)
        $r.Count | Should -Be 1
        $e.Count | Should -Be 1
        $entries = @(Get-RepricingAuditLog -LogPath $log -Days 1)
        @($entries | Where-Object Status -eq 'START').Count | Should -Be 1
        @($entries | Where-Object Status -eq 'END').Count | Should -Be 1
        $ends = @($entries | Where-Object Status -eq 'PROCESS_END')
        @($ends | Where-Object Message -like 'Outcome: Failed*').Count | Should -Be 1
        @($ends | Where-Object Message -like 'Outcome: Succeeded*').Count | Should -Be 1
        @($entries.SessionId | Sort-Object -Unique).Count | Should -Be 1
        $entries[-1].Status | Should -Be 'END'
    }

    It 'a folder given as the claims of Invoke-RepricingDisruption or Export-RepricingLineByLine is PathIsFolder (FILE_ERROR), not an unsupported type' {
        Invoke-RepricingDisruption $in -Kind Tier -OutputDirectory (Join-Path $TestDrive 'out-folder') -LogPath (Join-Path $TestDrive 'log-folder') @refs -ErrorAction SilentlyContinue -ErrorVariable e
        $e[0].FullyQualifiedErrorId | Should -Be 'PathIsFolder,RepricingPS.Commands.InvokeRepricingDisruptionCommand'
        $e[0].CategoryInfo.Reason | Should -Be 'FILE_ERROR'
        Export-RepricingLineByLine $in -Format EPLS -OutputDirectory (Join-Path $TestDrive 'out-folder2') -LogPath (Join-Path $TestDrive 'log-folder') -ErrorAction SilentlyContinue -ErrorVariable f
        $f[0].FullyQualifiedErrorId | Should -Be 'PathIsFolder,RepricingPS.Commands.ExportRepricingLineByLineCommand'
    }

    It 'Export-RepricingLineByLine under -ErrorAction Stop still ends its session once' {
        $log = Join-Path $TestDrive 'log-piped-stop'
        { (Join-Path $in 'missing.csv'), (Join-Path $in 'lbl.csv') | Export-RepricingLineByLine -Format EPLS -OutputDirectory (Join-Path $TestDrive 'out-piped-stop') -LogPath $log -ErrorAction Stop } | Should -Throw
        $entries = @(Get-RepricingAuditLog -LogPath $log -Days 1)
        @($entries | Where-Object Status -eq 'START').Count | Should -Be 1
        @($entries | Where-Object Status -eq 'END').Count | Should -Be 1
    }
}

Describe 'The session table' {
    It 'forgets the sessions of runspaces that were closed' {
        $sessions = (Get-Command Start-RepricingSession).ImplementingType.Assembly.GetType('RepricingPS.Sessions')
        $count = $sessions.GetProperty('Count', [System.Reflection.BindingFlags] 'NonPublic, Static')
        $before = $count.GetValue($null)
        $log = Join-Path $TestDrive 'log-runspaces'
        $module = $env:REPRICINGPS_TEST_MODULE
        foreach ($n in 1..12) {
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript('param($module, $log) Import-Module $module; Start-RepricingSession -Script runspace -LogPath $log | Out-Null; Write-RepricingAuditEntry -Script runspace -Message x -LogPath $log').
                    AddArgument($module).AddArgument($log)
                $ps.Invoke() | Out-Null
                $ps.Streams.Error | Should -BeNullOrEmpty
                $count.GetValue($null) | Should -BeGreaterThan $before -Because 'an open runspace keeps its session'
            } finally {
                $ps.Runspace.Close()
                $ps.Dispose()
            }
        }
        $count.GetValue($null) | Should -Be $before
        @(Get-RepricingAuditLog -LogPath $log -Days 1 | Where-Object Status -eq 'START').Count | Should -Be 12
    }
}

Describe 'examples/Invoke-ScheduledRepricing.ps1 exits 1 on every failure, now that they are non-terminating' {
    BeforeAll {
        $example = (Resolve-Path (Join-Path $PSScriptRoot '../../examples/Invoke-ScheduledRepricing.ps1')).Path
        function Invoke-Scheduled([string] $inDir, [string] $outDir, [string] $log) {
            $pwshArgs = @('-NoProfile', '-NonInteractive', '-File', $example, '-InputDirectory', $inDir, '-OutputDirectory', $outDir, '-LogPath', $log, '-ModulePath', $env:REPRICINGPS_TEST_MODULE)
            # A fresh PowerShell process, as a scheduled task starts one.
            $output = Invoke-TestPwsh $pwshArgs 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = "$output" }
        }
    }

    It 'exits 1 for <Case>, with <ErrorType> in the log once and the session ended once' -ForEach @(
        # Process: the PROCESS_END entries (audit-log.md §3: every cmdlet that does work writes one): the example imports File1,
        # then File2, then reprices, and stops at the first failure, whose PROCESS_END is the one 'Outcome: Failed'.
        @{ Case = 'a File1.xlsx that is not a workbook'; ErrorType = 'INVALID_WORKBOOK'; Status = 'FILE_ERROR'; Process = 1 }
        @{ Case = 'a File1 without data rows'; ErrorType = 'EMPTY_FILE'; Status = 'DATA_ERROR'; Process = 1 }
        @{ Case = 'duplicate keys in File2'; ErrorType = 'DUPLICATE_KEY'; Status = 'DATA_ERROR'; Process = 3 }
        @{ Case = 'a folder where an output goes'; ErrorType = 'OUTPUT_NOT_WRITABLE'; Status = 'FILE_ERROR'; Process = 3 }
    ) {
        $dir = Join-Path $TestDrive ("sched-" + ($Case -replace '\W', '-'))
        $inDir = Join-Path $dir 'in'; $outDir = Join-Path $dir 'out'; $log = Join-Path $dir 'log'
        New-Item -ItemType Directory $inDir, $outDir, $log | Out-Null
        Copy-Item (Join-Path $in 'file1.csv') (Join-Path $inDir 'File1.csv')
        Copy-Item (Join-Path $in 'file2.csv') (Join-Path $inDir 'File2.csv')
        switch ($ErrorType) {
            'INVALID_WORKBOOK' { Remove-Item (Join-Path $inDir 'File1.csv'); 'not a zip' | Set-Content (Join-Path $inDir 'File1.xlsx') }
            'EMPTY_FILE' { Copy-Item (Join-Path $in 'header-only.csv') (Join-Path $inDir 'File1.csv') -Force }
            'DUPLICATE_KEY' { Copy-Item (Join-Path $in 'file2-dup.csv') (Join-Path $inDir 'File2.csv') -Force }
            'OUTPUT_NOT_WRITABLE' { New-Item -ItemType Directory (Join-Path $outDir 'Acme Health Claim Detail.csv') | Out-Null }
        }
        $r = Invoke-Scheduled $inDir $outDir $log
        $r.ExitCode | Should -Be 1 -Because $r.Output
        $entries = @(Get-RepricingAuditLog -LogPath $log -Days 1)
        @($entries | Where-Object ErrorType -eq $ErrorType).Status | Should -Be @($Status)
        @($entries | Where-Object IsError).Count | Should -Be 1 -Because 'the script does not log a cmdlet''s error again'
        $ends = @($entries | Where-Object Status -eq 'PROCESS_END')
        $ends.Count | Should -Be $Process
        @($ends | Where-Object Message -like 'Outcome: Failed*').Count | Should -Be 1
        @($ends | Where-Object Message -like 'Outcome: Succeeded*').Count | Should -Be ($Process - 1)
        @($entries | Where-Object Status -eq 'END').Count | Should -Be 1
        @($entries | Where-Object Status -eq 'START').Count | Should -Be 1
    }
}
