# Every cmdlet's parameters as users see them: names, types, sets, mandatory, position, pipeline binding, aliases,
# validation, completers, wildcards and Get-Help text. ParameterSurface.expected.txt was written from the module as it
# was before the shared query parameters (issue 9, "Cmdlet project"), with the function below, and checked against the
# source by hand; moving a parameter into a shared base class must leave every line as it is.
# Regenerate only for a deliberate change of the surface:
#   Import-Module ./out/RepricingPS/RepricingPS.psd1; . ./tests/Pester/ParameterSurface.Tests.ps1 -Describe; Get-ParameterSurface | Set-Content ./tests/Pester/ParameterSurface.expected.txt
param([switch] $Describe)

function Get-ParameterSurface {
    $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    foreach ($cmd in Get-Command -Module RepricingPS -CommandType Cmdlet | Sort-Object Name) {
        $attr = $cmd.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        "$($cmd.Name) | DefaultSet=$($attr.DefaultParameterSetName) | ShouldProcess=$($attr.SupportsShouldProcess) | Impact=$($attr.ConfirmImpact)"
        $help = Get-Help $cmd.Name -Full
        foreach ($p in $cmd.Parameters.Values | Where-Object { $common -notcontains $_.Name } | Sort-Object Name) {
            $sets = foreach ($s in $p.ParameterSets.GetEnumerator() | Sort-Object Key) {
                $v = $s.Value
                "$($s.Key):Mandatory=$($v.IsMandatory),Position=$($v.Position),ByValue=$($v.ValueFromPipeline),ByProperty=$($v.ValueFromPipelineByPropertyName),Remaining=$($v.ValueFromRemainingArguments)"
            }
            $rules = foreach ($a in $p.Attributes | Sort-Object { $_.GetType().Name }) {
                switch ($a) {
                    { $_ -is [System.Management.Automation.ValidateRangeAttribute] } { "Range($($a.MinRange)..$($a.MaxRange))"; break }
                    { $_ -is [System.Management.Automation.ValidateSetAttribute] } { "Set($($a.ValidValues -join ','); IgnoreCase=$($a.IgnoreCase))"; break }
                    { $_ -is [System.Management.Automation.ValidateNotNullOrEmptyAttribute] } { 'NotNullOrEmpty'; break }
                    { $_ -is [System.Management.Automation.ValidateNotNullAttribute] } { 'NotNull'; break }
                    { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] } { "Completer($($a.Type.FullName))" }
                    { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] } { 'Wildcards' }
                    { $_ -is [System.Management.Automation.ValidateArgumentsAttribute] } { "Validate($($a.GetType().Name))" }
                }
            }
            $ph = @($help.parameters.parameter | Where-Object name -eq $p.Name)
            $text = @($ph | ForEach-Object { $_.description.Text }) -join ' '
            $default = @($ph | ForEach-Object { $_.defaultValue }) -join ' '
            "  -$($p.Name) [$($p.ParameterType.ToString())] Aliases=$(@($p.Aliases | Sort-Object) -join ',') | $($sets -join ' ; ') | $($rules -join ',') | Default=$default | Help=$text"
        }
    }
}

if ($Describe) { return }

BeforeAll {
    . $PSScriptRoot/TestEnvironment.ps1
    . (Join-Path $PSScriptRoot 'ParameterSurface.Tests.ps1') -Describe
}

Describe 'Parameter surface' -Tag 'Module' {
    It 'keeps every parameter of every cmdlet as users see it (names, sets, positions, aliases, validation, completion, help)' {
        $expected = Get-Content (Join-Path $PSScriptRoot 'ParameterSurface.expected.txt')
        $actual = @(Get-ParameterSurface)
        $changed = Compare-Object $expected $actual | ForEach-Object { "$($_.SideIndicator) $($_.InputObject)" }
        $changed | Should -BeNullOrEmpty
        $actual.Count | Should -Be $expected.Count
    }
}
