BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEnvironment.ps1')
    $moduleDir = Split-Path $env:REPRICINGPS_TEST_MODULE
    $version = (Import-PowerShellDataFile $env:REPRICINGPS_TEST_MODULE).ModuleVersion
    $nupkg = Join-Path (Split-Path $moduleDir) "RepricingPS.$version.nupkg"

    # A fresh PowerShell process with its own HOME and data folders, so registering a repository never touches
    # the real user's PSResourceGet settings: the same pwsh that runs these tests (a dotnet tool here).
    function Invoke-FreshPwsh([string] $Command, [string] $HomeDir) {
        $saved = @{ HOME = $env:HOME; XDG_DATA_HOME = $env:XDG_DATA_HOME; XDG_CONFIG_HOME = $env:XDG_CONFIG_HOME; PSModulePath = $env:PSModulePath }
        try {
            # The folders must exist: .NET gives an empty LocalApplicationData for a missing one, and PSResourceGet would
            # then keep its repository list relative to the current folder.
            $env:HOME = $HomeDir
            $env:XDG_DATA_HOME = (New-Item -ItemType Directory -Force (Join-Path $HomeDir '.local/share')).FullName
            $env:XDG_CONFIG_HOME = (New-Item -ItemType Directory -Force (Join-Path $HomeDir '.config')).FullName
            $output = Invoke-TestPwsh @('-NoProfile', '-NonInteractive', '-Command', $Command) 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
        }
        finally {
            foreach ($k in $saved.Keys) { Set-Item "Env:$k" $saved[$k] }
        }
    }
}

Describe 'Package' -Tag 'Package', 'Slow' {
    It 'packs the module with its help, licence and notices' {
        $nupkg | Should -Exist
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($nupkg)
        try { $names = $zip.Entries.FullName } finally { $zip.Dispose() }
        foreach ($name in 'RepricingPS.psd1', 'RepricingPS.psm1', 'RepricingPS.format.ps1xml', 'RepricingPS.types.ps1xml', 'LICENSE', 'THIRD-PARTY-NOTICES.md',
            'licenses/EPPlus-LGPL-3.0.txt', 'bin/Core/RepricingPS.dll', 'bin/Core/RepricingPS.dll-Help.xml',
            'bin/Core/RepricingPS.Types.dll', 'bin/Core/Dependencies/RepricingPS.Core.dll', 'bin/Core/Dependencies/CsvHelper.dll',
            'bin/Desktop/RepricingPS.dll', 'bin/Desktop/RepricingPS.dll-Help.xml', 'RepricingPS.nuspec') {
            $names | Should -Contain $name
        }
        $manifest = Import-PowerShellDataFile $env:REPRICINGPS_TEST_MODULE
        $manifest.Description | Should -Not -BeNullOrEmpty
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be '5.1'
        $manifest.PrivateData.PSData.Tags | Should -Contain 'Repricing'
        $manifest.PrivateData.PSData.ReleaseNotes | Should -Not -BeNullOrEmpty
        # Only true addresses: the project has none, so none is claimed.
        $manifest.PrivateData.PSData.Keys | Should -Not -Contain 'ProjectUri'
        $manifest.PrivateData.PSData.Keys | Should -Not -Contain 'LicenseUri'
    }

    It 'names every shipped third-party assembly in THIRD-PARTY-NOTICES.md' {
        $notices = Get-Content (Join-Path $moduleDir 'THIRD-PARTY-NOTICES.md') -Raw
        $ours = 'RepricingPS.dll', 'RepricingPS.Types.dll', 'RepricingPS.Core.dll'
        $dlls = Get-ChildItem (Join-Path $moduleDir 'bin') -Recurse -Filter *.dll | Where-Object Name -notin $ours |
            Select-Object -ExpandProperty BaseName -Unique
        foreach ($dll in $dlls) {
            # A family entry such as `Microsoft.Extensions.FileProviders.*` or "the System.* facade assemblies" covers its members.
            $covered = $notices.Contains("``$dll``") -or $notices.Contains("$dll ") -or
                ($dll -like 'System.*' -and $notices.Contains('`System.*` facade')) -or
                @([regex]::Matches($notices, '`([A-Za-z.]+)\.\*`') | Where-Object { $dll -like "$($_.Groups[1].Value).*" }).Count -gt 0
            $covered | Should -BeTrue -Because "$dll ships in bin/ and needs a notice"
        }
    }

    It 'publishes to a folder repository, saves from it and imports in a fresh process, offline' {
        $home1 = Join-Path $TestDrive 'home'
        $repo = Join-Path $TestDrive 'feed'
        $modules = Join-Path $TestDrive 'modules'
        New-Item -ItemType Directory $home1, $repo, $modules | Out-Null
        $log = Join-Path $TestDrive 'log'
        Copy-Item $shared $log -Recurse

        $install = Invoke-FreshPwsh -HomeDir $home1 -Command @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name CompanyFeed -Uri '$repo' -Trusted
Publish-PSResource -NupkgPath '$nupkg' -Repository CompanyFeed
Save-PSResource -Name RepricingPS -Repository CompanyFeed -Path '$modules' -TrustRepository
"@
        $install.ExitCode | Should -Be 0 -Because $install.Output
        Join-Path $home1 '.local/share/PSResourceGet/PSResourceRepository.xml' | Should -Exist -Because 'the repository list stays in the temporary HOME'
        Join-Path (Get-Location) 'PSResourceGet' | Should -Not -Exist
        Join-Path $repo "RepricingPS.$version.nupkg" | Should -Exist
        Join-Path $modules "RepricingPS/$version/RepricingPS.psd1" | Should -Exist

        $query = Invoke-FreshPwsh -HomeDir $home1 -Command @"
`$ErrorActionPreference = 'Stop'
`$env:PSModulePath = '$modules' + [IO.Path]::PathSeparator + `$env:PSModulePath
Import-Module RepricingPS
`$m = Get-Module RepricingPS
'MODULE=' + `$m.ModuleBase
'ERRORS=' + @(Get-RepricingError -LogPath '$log' -Since '2000-01-01').Count
"@
        $query.ExitCode | Should -Be 0 -Because $query.Output
        $query.Output | Should -Match ([regex]::Escape("MODULE=$modules"))
        # legacy-audit.expected.json: 212 errors in the sample root, all time.
        $query.Output | Should -Match 'ERRORS=212'
    }
}
