# ReadyToRun experiment (issue 15): what precompiling the PowerShell 7 build would cost and buy. It is not shipped
# (README, Performance): ReadyToRun code is per operating system, processor and .NET major version, so one portable
# module folder cannot carry it. This script compiles a copy of the built module for the machine it runs on (this OS and
# processor, this pwsh's .NET), then measures the copy against the original: sizes, methods the JIT still compiles in a
# cold Invoke-Repricing, and the cold-start table (bench/Measure-ColdStart.ps1) with the original as the baseline.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $LegacyRoot,
    [Parameter(Mandatory)] [string] $RepricingData,
    [Parameter(Mandatory)] [string] $ResultPath,
    [int] $Runs = 7
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$major = [Environment]::Version.Major
$os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
$rid = "$os-$([Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant())"
$work = Join-Path ([IO.Path]::GetTempPath()) "rps-r2r-$PID"
New-Item -ItemType Directory -Path $work -Force | Out-Null
try {
    # The crossgen2 package the SDK picks for this runtime, restored by publishing an empty ReadyToRun library.
    $probe = New-Item -ItemType Directory -Path (Join-Path $work 'probe')
    Set-Content (Join-Path $probe 'probe.csproj') @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net$major.0</TargetFramework><RuntimeIdentifier>$rid</RuntimeIdentifier><SelfContained>false</SelfContained><PublishReadyToRun>true</PublishReadyToRun></PropertyGroup>
</Project>
"@
    Set-Content (Join-Path $probe 'Probe.cs') 'internal static class Probe { }'
    & dotnet publish (Join-Path $probe 'probe.csproj') -c Release -o (Join-Path $probe 'out') --nologo -v quiet
    if ($LASTEXITCODE -ne 0) { throw 'Restoring crossgen2 (a ReadyToRun publish of an empty library) failed.' }
    $packages = ((dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $crossgen = Get-ChildItem (Join-Path $packages "microsoft.netcore.app.crossgen2.$rid") -Directory |
        Where-Object Name -like "$major.*" | Sort-Object { [version] ($_.Name -replace '-.*$', '') } | Select-Object -Last 1 |
        ForEach-Object { Join-Path $_.FullName "tools/crossgen2$(if ($IsWindows) { '.exe' })" }
    if (-not $crossgen -or -not (Test-Path $crossgen)) { throw "No crossgen2 $major.x for $rid in $packages." }

    # A copy of the module with the four assemblies of ours and CsvHelper precompiled against this runtime.
    $source = Split-Path $ModulePath
    $copy = Join-Path $work 'RepricingPS'
    Copy-Item $source $copy -Recurse
    $core = Join-Path $source 'bin/Core'
    # Each reference named on its own (PowerShell on Unix would expand a '*.dll' argument into extra input files).
    $references = Get-ChildItem ([Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()), $core, (Join-Path $core 'Dependencies') -Filter *.dll |
        ForEach-Object { '-r'; $_.FullName }
    $references += '-r', (Join-Path $PSHOME 'System.Management.Automation.dll')
    $compiled = 'RepricingPS.dll', 'RepricingPS.Types.dll', 'Dependencies/RepricingPS.Core.dll', 'Dependencies/CsvHelper.dll'
    $lines = @("ReadyToRun for $rid, .NET $major ($crossgen), not shipped; the same module otherwise")
    foreach ($name in $compiled) {
        $target = Join-Path $copy "bin/Core/$name"
        & $crossgen (Join-Path $core $name) -o $target --targetos $os --targetarch ($rid -split '-')[1] -O @references | Out-Null
        if ($LASTEXITCODE -ne 0) { throw "crossgen2 failed on $name." }
        $lines += ('  {0,-36} {1,9:N0} -> {2,9:N0} bytes' -f $name, (Get-Item (Join-Path $core $name)).Length, (Get-Item $target).Length)
    }
    $size = { param($dir) (Get-ChildItem $dir -Recurse -File | Measure-Object Length -Sum).Sum }
    $lines += ('  module folder {0:N0} -> {1:N0} bytes' -f (& $size $source), (& $size $copy))

    # Methods the JIT compiles in a cold Invoke-Repricing (the rest is precompiled code), one fresh process each.
    $exe = [Environment]::ProcessPath
    $prefix = @(); if ((Split-Path $exe -Leaf) -like 'dotnet*') { $prefix = @([Environment]::GetCommandLineArgs()[0]) }
    foreach ($module in (Join-Path $source 'RepricingPS.psd1'), (Join-Path $copy 'RepricingPS.psd1')) {
        $command = "`$env:REPRICING_AUDIT_PATH = '$work/audit'; `$env:REPRICING_SPOOL_PATH = '$work/spool'; `$env:XDG_DATA_HOME = '$work/xdg'; " +
            "Import-Module '$module'; `$before = [Runtime.JitInfo]::GetCompiledMethodCount(); " +
            "`$null = Invoke-Repricing -File1 '$RepricingData/File1.csv' -File2 '$RepricingData/File2.csv' -OutputDirectory '$work/out' -Force -WarningAction SilentlyContinue; " +
            "'JIT=' + ([Runtime.JitInfo]::GetCompiledMethodCount() - `$before)"
        $output = & $exe @prefix -NoProfile -NonInteractive -Command $command 2>&1 | Out-String
        if ($output -notmatch 'JIT=(\d+)') { throw "No JIT count: $output" }
        $lines += ('  methods the JIT compiled during the first Invoke-Repricing ({0}): {1}' -f $(if ($module -like "$copy*") { 'ReadyToRun' } else { 'IL only' }), $Matches[1])
    }
    $lines | Write-Host
    $table = Join-Path $work 'cold-start.txt'
    & (Join-Path $PSScriptRoot 'Measure-ColdStart.ps1') -ModulePath (Join-Path $copy 'RepricingPS.psd1') -BaselineModulePath (Join-Path $source 'RepricingPS.psd1') `
        -LegacyRoot $LegacyRoot -RepricingData $RepricingData -ResultPath $table -Runs $Runs
    $lines += '  cold start, baseline = the same module without ReadyToRun:'
    $lines += Get-Content $table
    $lines | Set-Content -Path $ResultPath -Encoding utf8
}
finally {
    Remove-Item $work -Recurse -Force -ErrorAction Ignore
}
