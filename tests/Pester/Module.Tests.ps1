BeforeAll {
    $modulePath = $env:REPRICINGPS_TEST_MODULE
    Import-Module $modulePath -Force
    $moduleDir = Split-Path $modulePath
    $shared = (Resolve-Path (Join-Path $PSScriptRoot '../../../shared/data/legacy-audit')).Path
}

Describe 'Module manifest contract' -Tag 'Module' {
    It 'exports exactly the cmdlets the binary defines' {
        $manifest = Import-PowerShellDataFile $modulePath
        $exported = (Get-Module RepricingPS).ExportedCmdlets.Keys | Sort-Object
        $inBinary = [System.AppDomain]::CurrentDomain.GetAssemblies() |
            Where-Object { $_.GetName().Name -eq 'RepricingPS' } |
            ForEach-Object { $_.GetTypes() } |
            Where-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; "$($a.VerbName)-$($a.NounName)" } |
            Sort-Object
        $exported | Should -Be $inBinary
        @($manifest.CmdletsToExport | Sort-Object) | Should -Be $inBinary
    }

    It 'ships only the allow-listed files' {
        $files = Get-ChildItem $moduleDir -Recurse -File | ForEach-Object { $_.FullName.Substring($moduleDir.Length + 1).Replace('\', '/') }
        $top = $files | Where-Object { $_ -notlike 'bin/*' } | Sort-Object
        $top | Should -Be @('en-US/about_RepricingPS.help.txt', 'LICENSE', 'licenses/EPPlus-LGPL-3.0.txt', 'RepricingPS.format.ps1xml', 'RepricingPS.psd1', 'RepricingPS.psm1', 'RepricingPS.types.ps1xml', 'THIRD-PARTY-NOTICES.md')
        $files | Where-Object { $_ -like 'bin/*' } | ForEach-Object { $_ | Should -Match '^bin/(Core|Core/Dependencies|Desktop)/([^/]+\.dll|RepricingPS\.dll-Help\.xml)$' }
        # PowerShell 7: only the cmdlets, the types that cross into PowerShell and the help sit where PowerShell loads from;
        # RepricingPS.Core and every library are in Dependencies, for the module's own load context.
        $files | Where-Object { $_ -like 'bin/Core/*' -and $_ -notlike 'bin/Core/Dependencies/*' } | Sort-Object |
            Should -Be @('bin/Core/RepricingPS.dll', 'bin/Core/RepricingPS.dll-Help.xml', 'bin/Core/RepricingPS.Types.dll')
        $files | Should -Contain 'bin/Core/Dependencies/RepricingPS.Core.dll'
        $files | Should -Contain 'bin/Core/Dependencies/CsvHelper.dll'
        $files | Should -Contain 'bin/Core/Dependencies/Npgsql.dll'
        $files | Should -Contain 'bin/Desktop/RepricingPS.dll'
        $files | Should -Contain 'bin/Desktop/RepricingPS.Types.dll'
        $files | Should -Contain 'bin/Desktop/RepricingPS.Core.dll'
    }

    It 'has a version stamped from Directory.Build.props' {
        (Get-Module RepricingPS).Version | Should -Not -Be ([version]'0.0.0')
    }

    It 'gives every output type a default view' {
        [xml] $format = Get-Content (Join-Path $moduleDir 'RepricingPS.format.ps1xml')
        $views = $format.Configuration.ViewDefinitions.View.ViewSelectedBy.TypeName
        foreach ($command in Get-Command -Module RepricingPS) {
            foreach ($type in $command.OutputType) {
                $views | Should -Contain ('RepricingPS.' + $type.Type.Name) -Because "$($command.Name) outputs $($type.Name)"
            }
        }
    }

    It 'outputs and takes types from RepricingPS.Types (namespace RepricingPS), and help names them so' {
        $types = foreach ($command in Get-Command -Module RepricingPS) {
            $command.OutputType.Type
            $command.Parameters.Values.ParameterType | Where-Object { $_.Assembly.GetName().Name -like 'RepricingPS*' }
        }
        # RepricingFile stays in RepricingPS.Core: it carries the imported table, an internal type of Core (README, Not done yet).
        foreach ($t in $types | Where-Object Name -ne 'RepricingFile' | Sort-Object FullName -Unique) {
            $t.FullName | Should -Be "RepricingPS.$($t.Name)"
            $t.Assembly.GetName().Name | Should -Be 'RepricingPS.Types'
        }
        (Get-Help Get-RepricingError -Full).returnValues.returnValue.type.name | Should -Be 'RepricingPS.AuditEntry'
        (Get-Help Invoke-Repricing -Full).returnValues.returnValue.type.name | Should -Be 'RepricingPS.RepricingResult'
        [RepricingPS.AuditEntry]::IsErrorStatus('FILE_ERROR') | Should -BeTrue
    }

    It 'gives every cmdlet help: synopsis, description, an example, and a description of every parameter' {
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        foreach ($command in Get-Command -Module RepricingPS) {
            $help = Get-Help $command.Name -Full
            $help.Synopsis | Should -Not -BeLike "*$($command.Name) *" -Because "$($command.Name) needs a synopsis, not just its syntax"
            $help.description.Text | Should -Not -BeNullOrEmpty
            @($help.examples.example).Count | Should -BeGreaterThan 0 -Because "$($command.Name) needs an example"
            foreach ($name in $command.Parameters.Keys | Where-Object { $common -notcontains $_ }) {
                $p = $help.parameters.parameter | Where-Object name -eq $name
                "$($p.description.Text)" | Should -Not -BeNullOrEmpty -Because "$($command.Name) -$name needs a description"
            }
        }
    }

    It 'has an about_RepricingPS topic covering the users, the log location, the statuses, the stores and troubleshooting' {
        $about = Get-Help about_RepricingPS | Out-String
        foreach ($heading in 'THE THREE KINDS OF USER', 'WHERE THE LOG LIVES', 'THE STATUS WORDS', 'THE STORE KINDS', 'TROUBLESHOOTING') {
            $about | Should -Match $heading
        }
        foreach ($status in 'USER_ERROR', 'FILE_ERROR', 'DATA_ERROR', 'SYSTEM_ERROR', 'CONFIG_ERROR') { $about | Should -Match $status }
    }

    It 'shows aliases, wildcards, pipeline input, -WhatIf/-Confirm and the real output type in Get-Help' {
        $user = Get-Help Get-RepricingError -Parameter User
        $user.aliases | Should -Be 'UserName, SamAccountName'
        $user.globbing | Should -Be 'true'
        $user.pipelineInput | Should -Be 'true (ByValue, ByPropertyName)'
        (Get-Help Get-UserSupportReport -Parameter Days).defaultValue | Should -Be '30'
        (Get-Help Remove-RepricingAuditLog).syntax | Out-String | Should -Match '\[-WhatIf\] \[-Confirm\]'
        $returned = (Get-Help Get-RepricingError -Full).returnValues.returnValue.type.name
        $actual = (Get-RepricingError -LogPath $shared -Since 2020-01-01 -First 1 -WarningAction SilentlyContinue).GetType().FullName
        $returned | Should -Be $actual
        (Get-Help Get-RepricingError -Full).inputTypes.inputType.type.name | Should -Contain 'System.String[] (-User)'
    }
}
