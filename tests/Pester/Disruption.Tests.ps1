BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEnvironment.ps1')
    $env:REPRICING_AUDIT_PATH = Join-Path $TestDrive 'log'
    New-Item -ItemType Directory $env:REPRICING_AUDIT_PATH | Out-Null
    $ref = Join-Path $TestDrive 'ref'
    New-Item -ItemType Directory $ref | Out-Null
    # disruption.md §10.
    "NDC,Maint Drug?,Product Name`n00093505601,Y,Atorvastatin Calcium`n00378395477,Y,Lisinopril`n00002143380,Y,Trulicity`n00173068220,Y,Albuterol Sulfate HFA" | Set-Content (Join-Path $ref 'medispan.csv')
    "NDC,Tier`n00093505601,1`n00378395477,1`n00002143380,3" | Set-Content (Join-Path $ref 'universal.csv')
    "NDC,Tier,Alternative`n00093505601,1,`n00378395477,2,`n00002143380,Nonformulary,Ozempic" | Set-Content (Join-Path $ref 'exclusive.csv')
    "pharmacy_nabp,pharmacy_npi,pharmacy_is_excluded`n1234567,1234567890,no`n7654321,1111111111,yes" | Set-Content (Join-Path $ref 'network.csv')
    $claims = Join-Path $TestDrive 'claims.csv'
    @'
SOURCERECORDID,DATEFILLED,MemberID,NDC,FormularyTier,Logic,Rxs,PHARMACYNPI,NABP,Pharmacy Name
C1,2025-06-01,M1,00093505601,2,1,1,1234567890,1234567,MAIN ST PHARMACY
C2,2025-06-10,M2,00093505601,2,1,1,1234567890,1234567,MAIN ST PHARMACY
C3,2025-06-15,M2,00378395477,1,3,1,1111111111,7654321,CVS PHARMACY #123
C4,2025-06-20,M3,00002143380,2,2,1,9999999999,0000001,ACME DRUGS
C5,2025-06-21,M4,00173068220,2,1,1,1234567890,1234567,MAIN ST PHARMACY
C6,2024-11-30,M5,00093505601,2,1,1,1234567890,1234567,MAIN ST PHARMACY
C7,2025-06-05,M6,00093505601,2,11,1,1234567890,1234567,MAIN ST PHARMACY
C8,2025-05-02,M1,00093505601,3,4,2,1234567890,1234567,MAIN ST PHARMACY
'@ | Set-Content $claims
    $refs = @{
        MediSpan = Join-Path $ref 'medispan.csv'; Universal = Join-Path $ref 'universal.csv'
        Exclusive = Join-Path $ref 'exclusive.csv'; Network = Join-Path $ref 'network.csv'
    }
    function Get-RunEntries([string] $script) {
        $all = @(Get-RepricingAuditLog -Days 1 | Where-Object Script -eq $script)
        $last = $all | Where-Object Status -eq 'PROCESS_START' | Select-Object -Last 1
        $all | Where-Object SessionId -eq $last.SessionId
    }
}

Describe 'Invoke-RepricingDisruption' -Tag 'Disruption' {
    It 'runs the worked example and returns a typed result that reads like the Summary sheet' {
        $out = Join-Path $TestDrive 'out-example'
        $r = Invoke-RepricingDisruption $claims -Kind Tier -OutputDirectory $out @refs
        $r.PSObject.TypeNames[0] | Should -Be 'RepricingPS.DisruptionResult'
        ($r.ClaimsRead, $r.ClaimsKept, $r.TotalMembers, $r.TotalClaims) | Should -Be @(8, 5, 3, 6)
        ($r.Dropped.OutsideWindow, $r.Dropped.Logic, $r.Dropped.ExcludedProduct) | Should -Be @(1, 1, 1)
        $r.WindowStart | Should -Be ([datetime]'2024-12-22')
        $r.Summary.Formulary | Should -Be @('Universal Positive', 'Universal Negative', 'Exclusive Positive', 'Exclusive Negative', 'Exclusions')
        $r.Summary.Utilizers | Should -Be @(2, 1, 2, 1, 1)
        $r.Summary.PercentOfClaims | Should -Be @(0.6667, 0.1667, 0.6667, 0.1667, 0.1667)
        ($r.Tabs | Where-Object Name -eq 'Exclusions').Rows[0].Alternative | Should -Be 'Ozempic'
        $r.Network[0].PharmacyName | Should -Be 'ACME DRUGS'
        Test-Path (Join-Path $out 'claims Tier Disruption.xlsx') | Should -BeTrue
        $text = $r | Out-String
        $text | Should -Match 'Universal Positive\s+2\s+4\s+66[.,]67'
        $text | Should -Match 'Members: 3'
        $end = Get-RunEntries 'Invoke-RepricingDisruption' | Where-Object Status -eq 'PROCESS_END'
        $end.Message | Should -BeLike 'Outcome: Succeeded*'
    }

    It 'writes nothing with -WhatIf, not even an audit entry' {
        $before = @(Get-RepricingAuditLog -Days 1).Count
        $out = Join-Path $TestDrive 'out-whatif'
        Invoke-RepricingDisruption $claims -Kind Tier -OutputDirectory $out @refs -WhatIf 6>&1 | Out-Null
        Test-Path $out | Should -BeFalse
        @(Get-RepricingAuditLog -Days 1).Count | Should -Be $before
    }

    It 'takes an Invoke-Repricing result from the pipeline and keeps its opportunity name' {
        $sample = New-RepricingSampleData -OutputDirectory (Join-Path $TestDrive 'sample') -Claims 3000 -Seed 4
        $out = Join-Path $TestDrive 'out-pipe'
        $d = Invoke-Repricing $sample.File1 $sample.File2 $out -Template $sample.Template -WarningAction SilentlyContinue |
            Invoke-RepricingDisruption -Kind Tier -OutputDirectory $out -MediSpan $sample.MediSpan -Universal $sample.Universal -Exclusive $sample.Exclusive -Network $sample.Network -WarningAction SilentlyContinue
        $d.OpportunityName | Should -Be 'Acme Health'
        $d.ClaimsKept | Should -BeGreaterThan 0
        Test-Path (Join-Path $out 'Acme Health Tier Disruption.xlsx') | Should -BeTrue
    }

    It 'writes the Data rows to a .csv with -DataAsCsv' {
        $out = Join-Path $TestDrive 'out-csv'
        $r = Invoke-RepricingDisruption $claims -Kind Tier -OutputDirectory $out @refs -DataAsCsv -OpportunityName 'Acme'
        $r.DataFile | Should -Be (Join-Path $out 'Acme Tier Disruption Data.csv')
        (Import-Csv $r.DataFile).SOURCERECORDID | Should -Be @('C1', 'C2', 'C3', 'C4', 'C8')
    }

    It 'stops with <Id> for <Case>, logs the error and leaves nothing' -ForEach @(
        @{ Case = 'claims missing columns'; Id = 'MissingColumns'; Category = 'USER_ERROR'; Claims = "SOURCERECORDID,NDC`nC1,1" }
        @{ Case = 'every row dropped'; Id = 'NoClaimsKept'; Category = 'DATA_ERROR'; Claims = "SOURCERECORDID,DATEFILLED,MemberID,NDC,FormularyTier,Logic,Rxs,PHARMACYNPI,NABP,Pharmacy Name`nC1,2025-06-01,M1,00093505601,2,11,1,1,1,X" }
        @{ Case = 'no dated claims'; Id = 'NoDatedClaims'; Category = 'DATA_ERROR'; Claims = "SOURCERECORDID,DATEFILLED,MemberID,NDC,FormularyTier,Logic,Rxs,PHARMACYNPI,NABP,Pharmacy Name`nC1,,M1,00093505601,2,1,1,1,1,X" }
    ) {
        $bad = Join-Path $TestDrive "bad-$Id.csv"
        $Claims | Set-Content $bad
        $out = Join-Path $TestDrive "out-$Id"
        { Invoke-RepricingDisruption $bad -Kind Tier -OutputDirectory $out @refs -ErrorAction Stop } | Should -Throw -ErrorId "$Id,RepricingPS.Commands.InvokeRepricingDisruptionCommand"
        @(Get-ChildItem $out -ErrorAction SilentlyContinue).Count | Should -Be 0
        $entries = Get-RunEntries 'Invoke-RepricingDisruption'
        @($entries | Where-Object Status -eq $Category).Count | Should -Be 1
        ($entries | Where-Object Status -eq 'PROCESS_END').Message | Should -BeLike 'Outcome: Failed*'
    }

    It 'stops with DuplicateReferenceNdc when a reference lists one NDC at two tiers' {
        $dup = Join-Path $TestDrive 'universal-dup.csv'
        "NDC,Tier`n00093505601,1`n93505601,2" | Set-Content $dup
        $r = $refs.Clone(); $r.Universal = $dup
        { Invoke-RepricingDisruption $claims -Kind Tier -OutputDirectory (Join-Path $TestDrive 'out-dupref') @r -ErrorAction Stop } |
            Should -Throw -ErrorId 'DuplicateReferenceNdc,RepricingPS.Commands.InvokeRepricingDisruptionCommand'
    }

    It 'stops with MissingReference naming the parameter when a needed table is neither given nor saved' {
        $r = $refs.Clone(); $r.Remove('Exclusive')
        { Invoke-RepricingDisruption $claims -Kind Tier -OutputDirectory (Join-Path $TestDrive 'out-noref') @r } |
            Should -Throw -ErrorId 'MissingReference,RepricingPS.Commands.InvokeRepricingDisruptionCommand' -ExpectedMessage '*-Exclusive*'
    }

    It 'stops with SheetNotFound for an .xlsx without the named sheet' {
        $sample = New-RepricingSampleData -OutputDirectory (Join-Path $TestDrive 'sample-sheet') -Claims 20 -Seed 1
        { Invoke-RepricingDisruption $sample.Template -ClaimsSheet 'Nope' -Kind Tier -OutputDirectory (Join-Path $TestDrive 'out-sheet') @refs -ErrorAction Stop } |
            Should -Throw -ErrorId 'SheetNotFound,RepricingPS.Commands.InvokeRepricingDisruptionCommand'
    }

    It 'refuses an existing workbook without -Force and replaces it with -Force' {
        $out = Join-Path $TestDrive 'out-force'
        Invoke-RepricingDisruption $claims -Kind Tier -OutputDirectory $out @refs | Out-Null
        { Invoke-RepricingDisruption $claims -Kind Tier -OutputDirectory $out @refs -ErrorAction Stop } | Should -Throw -ErrorId 'OutputExists,RepricingPS.Commands.InvokeRepricingDisruptionCommand'
        (Invoke-RepricingDisruption $claims -Kind Tier -OutputDirectory $out @refs -Force).ClaimsKept | Should -Be 5
    }

    It 'is stopped cleanly: no outputs, PROCESS_END Cancelled, END' {
        $big = Join-Path $TestDrive 'big-claims.csv'
        $lines = [System.Collections.Generic.List[string]]::new()
        $lines.Add('SOURCERECORDID,DATEFILLED,MemberID,NDC,FormularyTier,Logic,Rxs,PHARMACYNPI,NABP,Pharmacy Name')
        foreach ($i in 1..300000) { $lines.Add("C$i,2025-06-01,M$($i % 5000),00093505601,2,1,1,1234567890,1234567,MAIN ST PHARMACY") }
        [IO.File]::WriteAllLines($big, $lines)
        $out = Join-Path $TestDrive 'out-cancel'
        $module = $env:REPRICINGPS_TEST_MODULE
        $log = $env:REPRICING_AUDIT_PATH
        $r = $refs
        $job = Start-ThreadJob -ScriptBlock {
            Import-Module $using:module
            $p = $using:r
            Invoke-RepricingDisruption $using:big -Kind Tier -OutputDirectory $using:out -LogPath $using:log @p
        }
        $deadline = (Get-Date).AddSeconds(60)
        while ((Get-Date) -lt $deadline -and -not (Get-RepricingAuditLog -Days 1 -Status PROCESS_START -Match 'big-claims')) { Start-Sleep -Milliseconds 20 }
        Stop-Job $job
        Remove-Job $job -Force
        $session = (Get-RepricingAuditLog -Days 1 -Status PROCESS_START -Match 'big-claims').SessionId
        $run = Get-RepricingAuditLog -Days 1 | Where-Object SessionId -eq $session
        ($run | Where-Object Status -eq PROCESS_END).Message | Should -BeLike 'Outcome: Cancelled*'
        @($run | Where-Object IsError).Count | Should -Be 0 -Because 'a stop is not an error'
        $run[-1].Status | Should -Be 'END'
        @(Get-ChildItem $out -Force -ErrorAction SilentlyContinue).Count | Should -Be 0
    }

    It 'refuses a claims argument of the wrong type with InvalidClaimsArgument' {
        { Invoke-RepricingDisruption -Claims 42 -Kind Tier -OutputDirectory (Join-Path $TestDrive 'out-type') @refs } |
            Should -Throw -ErrorId 'InvalidClaimsArgument,RepricingPS.Commands.InvokeRepricingDisruptionCommand'
    }
}

Describe 'Import-RepricingFile roles' -Tag 'Disruption' {
    It 'still offers only File1, File2 and Template (Claims and Reference are internal roles)' {
        { Import-RepricingFile $claims -Role Claims } | Should -Throw -ErrorId 'ParameterArgumentValidationError,RepricingPS.Commands.ImportRepricingFileCommand'
    }
}

Describe 'A sheet named for a .csv claims file' -Tag 'Disruption' {
    It 'is a warning, and the file is read whole' {
        $r = Invoke-RepricingDisruption $claims -Kind Tier -OutputDirectory (Join-Path $TestDrive 'out-csv-sheet') -ClaimsSheet 'Claims Table' @refs -WarningVariable w -WarningAction SilentlyContinue
        $r.ClaimsKept | Should -Be 5
        "$w" | Should -BeLike "*Sheet 'Claims Table' was asked for, but '$(Split-Path $claims -Leaf)' is a .csv file, which has no sheets: it was read whole.*"
    }
}

Describe 'Set-RepricingReferenceConfiguration and Get-RepricingReferenceConfiguration' -Tag 'Disruption' {
    It 'saves the paths per user, keeps the others, and Invoke-RepricingDisruption uses them' {
        Set-RepricingReferenceConfiguration -MediSpan $refs.MediSpan -Universal $refs.Universal -WhatIf
        (Get-RepricingReferenceConfiguration).MediSpan | Should -BeNullOrEmpty
        $c = Set-RepricingReferenceConfiguration -MediSpan $refs.MediSpan -Universal $refs.Universal
        $c.PSObject.TypeNames[0] | Should -Be 'RepricingPS.ReferenceConfiguration'
        Set-RepricingReferenceConfiguration -Exclusive $refs.Exclusive -Network $refs.Network | Out-Null
        $g = Get-RepricingReferenceConfiguration
        ($g.MediSpan, $g.Universal, $g.Exclusive, $g.Network) | Should -Be @($refs.MediSpan, $refs.Universal, $refs.Exclusive, $refs.Network)
        $g.SettingsFile | Should -BeLike "$TestDrive*"
        (Invoke-RepricingDisruption $claims -Kind Tier -OutputDirectory (Join-Path $TestDrive 'out-saved')).ClaimsKept | Should -Be 5
    }

    It 'refuses a file that does not exist unless -Force' {
        { Set-RepricingReferenceConfiguration -OpenMdf (Join-Path $TestDrive 'nope.csv') } | Should -Throw -ErrorId 'ReferenceFileNotFound,RepricingPS.Commands.SetRepricingReferenceConfigurationCommand'
        (Set-RepricingReferenceConfiguration -OpenMdf (Join-Path $TestDrive 'nope.csv') -Force).OpenMdf | Should -Be (Join-Path $TestDrive 'nope.csv')
    }

    It 'saves a %OneDrive% path as given with -Force on a machine without OneDrive, and names the table, not the audit log, when it cannot be used' {
        $saved = $env:OneDrive
        Remove-Item Env:OneDrive -ErrorAction Ignore
        try {
            $err = $null
            try { Set-RepricingReferenceConfiguration -MediSpan '%OneDrive%/Reference/MediSpan.xlsx' -ErrorAction Stop } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -Be 'ReferencePathInvalid,RepricingPS.Commands.SetRepricingReferenceConfigurationCommand'
            $err.Exception.Message | Should -BeLike "The MediSpan table path '%OneDrive%/Reference/MediSpan.xlsx'*'OneDrive', which is not set. Set OneDrive, or give a full path, or use -Force*"
            $err.Exception.Message | Should -Not -BeLike '*audit log*'
            (Set-RepricingReferenceConfiguration -MediSpan '%OneDrive%/Reference/MediSpan.xlsx' -Force).MediSpan | Should -Be '%OneDrive%/Reference/MediSpan.xlsx'
            $use = $null
            try { Invoke-RepricingDisruption $claims -Kind Tier -OutputDirectory (Join-Path $TestDrive 'out-unset') -ErrorAction Stop } catch { $use = $_ }
            $use.Exception.Message | Should -BeLike "The saved Medi-Span path '%OneDrive%/Reference/MediSpan.xlsx'*'OneDrive', which is not set. Set OneDrive, or save it again with Set-RepricingReferenceConfiguration -MediSpan, or give -MediSpan."
            $use.Exception.Message | Should -Not -BeLike '*audit log*'
        }
        finally {
            if ($null -ne $saved) { $env:OneDrive = $saved }
            Set-RepricingReferenceConfiguration -MediSpan $refs.MediSpan | Out-Null
        }
    }
}

Describe 'Export-RepricingLineByLine' -Tag 'Disruption' {
    BeforeAll {
        $lbl = Join-Path $TestDrive 'lbl.csv'
        @'
MONY,Rxs,Rx Sense Ing Cost,RxSense Dispense Fee,RxSense Total Cost,Total AWP (Historical),Pharmacy Name,INPUTFILECHANNEL,DATEFILLED,MemberID,DAYSUPPLY,QUANTITY,NDC,DST Drug Name,GrossCost,Universal Rebates,Exclusive Rebates,Specialty Vlookup,Logic
Y,1,10.20,1.75,11.95,45.10,MAIN ST PHARMACY,RETAIL,2025-06-01,M001,30,30,00093505601,ATORVASTATIN,12.50,1.00,2.00,Yes,1
N,2,5.10,1.75,6.85,30.25,CVS PHARMACY #123,MAIL,6/15/2025,M002,90,90,378395477,LISINOPRIL,8.00,0,0,n,10
Y,1,99,1,100,500,X,RETAIL,2025-06-02,M009,30,30,00093505601,DROPPED,1,0,0,Y,OR
'@ | Set-Content $lbl
    }

    It 'writes an EPLS workbook and returns a typed result with the totals' {
        $out = Join-Path $TestDrive 'lbl-out'
        $r = Export-RepricingLineByLine $lbl -Format EPLS -OutputDirectory $out
        $r.PSObject.TypeNames[0] | Should -Be 'RepricingPS.LineByLineResult'
        ($r.Rows, $r.ClaimCount, $r.TotalAwp, $r.IngredientCost, $r.TotalCost, $r.GrossCost) | Should -Be @(2, 3, 75.35, 15.30, 18.80, 20.50)
        $r.OutputFile | Should -Be (Join-Path $out '_Rx Claims for EPLS.xlsx')
        ($r | Out-String) | Should -Match 'ClaimCount'
        (Get-RunEntries 'Export-RepricingLineByLine' | Where-Object Status -eq 'PROCESS_END').Message | Should -BeLike 'Outcome: Succeeded*'
    }

    It 'writes nothing with -WhatIf' {
        $out = Join-Path $TestDrive 'lbl-whatif'
        Export-RepricingLineByLine $lbl -Format SHARx -OutputDirectory $out -WhatIf 6>&1 | Out-Null
        Test-Path $out | Should -BeFalse
    }

    It 'stops with TemplateSheetMissing for a template without a Line By Line sheet' {
        $sample = New-RepricingSampleData -OutputDirectory (Join-Path $TestDrive 'sample-lbl') -Claims 20 -Seed 1
        $out = Join-Path $TestDrive 'lbl-bad'
        { Export-RepricingLineByLine $lbl -Format SHARx -OutputDirectory $out -Template $sample.Template -ErrorAction Stop } |
            Should -Throw -ErrorId 'TemplateSheetMissing,RepricingPS.Commands.ExportRepricingLineByLineCommand'
        @(Get-ChildItem $out -ErrorAction SilentlyContinue).Count | Should -Be 0
    }

    It 'stops with TemplateIsOutput when the output would be the template' {
        $out = Join-Path $TestDrive 'lbl-same'
        $first = Export-RepricingLineByLine $lbl -Format Standard -OutputDirectory $out
        { Export-RepricingLineByLine $lbl -Format Standard -OutputDirectory $out -Template $first.OutputFile -Force } |
            Should -Throw -ErrorId 'TemplateIsOutput,RepricingPS.Commands.ExportRepricingLineByLineCommand'
    }

    It 'stops with MissingColumns naming every missing one' {
        { Export-RepricingLineByLine $claims -Format SHARx -OutputDirectory (Join-Path $TestDrive 'lbl-cols') -ErrorAction Stop } |
            Should -Throw -ErrorId 'MissingColumns,RepricingPS.Commands.ExportRepricingLineByLineCommand' -ExpectedMessage '*MONY*DST Drug Name*'
    }
}
