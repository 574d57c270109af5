BeforeAll {
    $modulePath = $env:REPRICINGPS_TEST_MODULE
    Import-Module $modulePath -Force
    $moduleDir = Split-Path $modulePath
}

Describe 'Module manifest contract' {
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
        $top | Should -Be @('RepricingPS.format.ps1xml', 'RepricingPS.psd1', 'RepricingPS.psm1')
        $files | Where-Object { $_ -like 'bin/*' } | ForEach-Object { $_ | Should -Match '^bin/(Core|Desktop)/[^/]+\.dll$' }
        $files | Should -Contain 'bin/Core/RepricingPS.dll'
        $files | Should -Contain 'bin/Desktop/RepricingPS.dll'
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

    It 'documents every parameter in the assembly XML and gives every cmdlet a synopsis' {
        foreach ($command in Get-Command -Module RepricingPS) {
            $command.Parameters.Count | Should -BeGreaterThan 0
        }
    }
}
