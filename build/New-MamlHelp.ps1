<#
.SYNOPSIS
    Writes RepricingPS.dll-Help.xml (MAML) from the cmdlets' own metadata and their XML documentation comments,
    so Get-Help shows synopsis, description, every parameter and the examples. Run in a fresh process by Build.ps1.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $XmlDocPath,
    # One or more output paths separated by '|' (a character no path contains).
    [Parameter(Mandatory)] [string] $OutFile
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module $ModulePath
[xml] $doc = Get-Content $XmlDocPath
$members = @{}
foreach ($m in $doc.doc.members.member) { $members[$m.name] = $m }

function Get-Text($node) {
    if ($null -eq $node) { return '' }
    $text = if ($node -is [System.Xml.XmlNode]) { $node.InnerText } else { "$node" }
    ($text -replace '\s+', ' ').Trim()
}

function Get-TypeName([type] $t) {
    $inner = [Nullable]::GetUnderlyingType($t)
    if ($inner) { return $inner.Name }
    $t.Name
}

$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$maml = 'http://schemas.microsoft.com/maml/2004/10'
$command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
# -WhatIf and -Confirm are shown where a cmdlet supports them (they are in its parameter sets); the rest are the common parameters.
$common = [System.Management.Automation.Cmdlet]::CommonParameters + @('UseTransaction')

# What a parameter is when nobody sets it: read from a fresh instance of the cmdlet (property initialisers).
function Get-DefaultValue([type] $cmdletType, $p) {
    if ($p.ParameterType -eq [System.Management.Automation.SwitchParameter]) { return 'False' }
    if ($p.Name -in 'WhatIf', 'Confirm') { return 'False' }
    $instance = [Activator]::CreateInstance($cmdletType)
    $prop = $cmdletType.GetProperty($p.Name)
    if ($null -eq $prop) { return 'None' }
    $value = $prop.GetValue($instance)
    if ($null -eq $value -or "$value" -eq '' -or ($value -is [array] -and $value.Count -eq 0)) { return 'None' }
    if ($value -is [int] -and $value -eq 0) { return 'None' }
    "$value"
}

$stream = [System.IO.MemoryStream]::new()
$w = [System.Xml.XmlWriter]::Create($stream, $settings)
$w.WriteStartElement('helpItems', 'http://msh')
$w.WriteAttributeString('schema', 'maml')
foreach ($cmd in Get-Command -Module RepricingPS -CommandType Cmdlet | Sort-Object Name) {
    $type = $cmd.ImplementingType
    $typeDoc = $members["T:$($type.FullName)"]
    $paras = @(if ($typeDoc) { $typeDoc.summary.para })
    $synopsis = Get-Text ($paras | Where-Object { $_.type -eq 'synopsis' } | Select-Object -First 1)
    $description = Get-Text ($paras | Where-Object { $_.type -eq 'description' } | Select-Object -First 1)
    if (-not $description) { $description = $synopsis }

    $w.WriteStartElement('command', 'command', $command)
    $w.WriteAttributeString('xmlns', 'maml', $null, $maml)
    $w.WriteAttributeString('xmlns', 'dev', $null, $dev)
    $w.WriteStartElement('command', 'details', $command)
    $w.WriteElementString('command', 'name', $command, $cmd.Name)
    $w.WriteStartElement('maml', 'description', $maml); $w.WriteElementString('maml', 'para', $maml, $synopsis); $w.WriteEndElement()
    $w.WriteElementString('command', 'verb', $command, $cmd.Verb)
    $w.WriteElementString('command', 'noun', $command, $cmd.Noun)
    $w.WriteEndElement()
    $w.WriteStartElement('maml', 'description', $maml); $w.WriteElementString('maml', 'para', $maml, $description); $w.WriteEndElement()

    $w.WriteStartElement('command', 'syntax', $command)
    foreach ($set in $cmd.ParameterSets) {
        $w.WriteStartElement('command', 'syntaxItem', $command)
        $w.WriteElementString('maml', 'name', $maml, $cmd.Name)
        foreach ($p in $set.Parameters | Where-Object { $common -notcontains $_.Name }) {
            $w.WriteStartElement('command', 'parameter', $command)
            $w.WriteAttributeString('required', $p.IsMandatory.ToString().ToLower())
            $w.WriteAttributeString('position', $(if ($p.Position -ge 0) { "$($p.Position)" } else { 'named' }))
            $w.WriteElementString('maml', 'name', $maml, $p.Name)
            if ($p.ParameterType -ne [System.Management.Automation.SwitchParameter]) {
                $w.WriteElementString('command', 'parameterValue', $command, (Get-TypeName $p.ParameterType))
            }
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $command)
    foreach ($p in $cmd.Parameters.Values | Where-Object { $common -notcontains $_.Name }) {
        $attr = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
        $pipeline = @(if ($attr | Where-Object ValueFromPipeline) { 'ByValue' }; if ($attr | Where-Object ValueFromPipelineByPropertyName) { 'ByPropertyName' })
        $w.WriteStartElement('command', 'parameter', $command)
        $w.WriteAttributeString('required', ([string] [bool] ($attr | Where-Object Mandatory)).ToLower())
        $w.WriteAttributeString('globbing', ([string] [bool] ($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })).ToLower())
        $w.WriteAttributeString('aliases', $(if ($p.Aliases.Count) { $p.Aliases -join ', ' } else { 'none' }))
        $w.WriteAttributeString('pipelineInput', $(if ($pipeline) { "true ($($pipeline -join ', '))" } else { 'false' }))
        $positioned = @($attr | Where-Object { $_.Position -ge 0 })
        $position = if ($positioned) { $positioned[0].Position } else { $null }
        $w.WriteAttributeString('position', $(if ($null -ne $position) { "$position" } else { 'named' }))
        $w.WriteElementString('maml', 'name', $maml, $p.Name)
        $w.WriteStartElement('maml', 'description', $maml)
        # A parameter shared through a base class (LogRootCmdlet, AuditQueryCmdlet) is documented where it is declared.
        $paramDoc = $null
        for ($t = $type; $t -and -not $paramDoc; $t = $t.BaseType) { $paramDoc = $members["P:$($t.FullName).$($p.Name)"] }
        $standard = @{ WhatIf = 'Shows what would happen if the cmdlet runs; nothing is written, the audit log included.'; Confirm = 'Asks for confirmation before the cmdlet changes anything.' }
        $w.WriteElementString('maml', 'para', $maml, $(if ($paramDoc) { Get-Text $paramDoc.summary } elseif ($standard[$p.Name]) { $standard[$p.Name] } else { '' }))
        $w.WriteEndElement()
        $w.WriteElementString('command', 'parameterValue', $command, (Get-TypeName $p.ParameterType))
        $w.WriteStartElement('dev', 'type', $dev); $w.WriteElementString('maml', 'name', $maml, $p.ParameterType.FullName); $w.WriteEndElement()
        $w.WriteElementString('dev', 'defaultValue', $dev, (Get-DefaultValue $type $p))
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    # Inputs: the types the pipeline can bind, from the parameters that take pipeline input.
    $w.WriteStartElement('command', 'inputTypes', $command)
    $inputs = foreach ($p in $cmd.Parameters.Values) {
        $attr = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
        if ($attr | Where-Object ValueFromPipeline) { "$($p.ParameterType.FullName) (-$($p.Name))" }
        if ($attr | Where-Object ValueFromPipelineByPropertyName) { "Any object with a property named $(@($p.Name) + @($p.Aliases) -join ', ') (-$($p.Name))" }
    }
    foreach ($in in @($inputs | Select-Object -Unique)) {
        $w.WriteStartElement('command', 'inputType', $command)
        $w.WriteStartElement('dev', 'type', $dev); $w.WriteElementString('maml', 'name', $maml, $in); $w.WriteEndElement()
        $w.WriteEndElement()
    }
    if (-not $inputs) {
        $w.WriteStartElement('command', 'inputType', $command)
        $w.WriteStartElement('dev', 'type', $dev); $w.WriteElementString('maml', 'name', $maml, 'None'); $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'returnValues', $command)
    foreach ($o in $cmd.OutputType) {
        $w.WriteStartElement('command', 'returnValue', $command)
        # The .NET type the cmdlet really emits; its views key on the PSTypeName the module sets (RepricingPS.<Name>).
        $w.WriteStartElement('dev', 'type', $dev); $w.WriteElementString('maml', 'name', $maml, $o.Type.FullName); $w.WriteEndElement()
        $w.WriteStartElement('maml', 'description', $maml); $w.WriteElementString('maml', 'para', $maml, "Shown with the view RepricingPS.$($o.Type.Name).");  $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'examples', $command)
    $i = 0
    foreach ($example in @(if ($typeDoc) { $typeDoc.example })) {
        $i++
        $w.WriteStartElement('command', 'example', $command)
        $w.WriteElementString('maml', 'title', $maml, "-------------------------- EXAMPLE $i --------------------------")
        $w.WriteElementString('dev', 'code', $dev, (Get-Text $example.code))
        $w.WriteStartElement('dev', 'remarks', $dev); $w.WriteElementString('maml', 'para', $maml, (Get-Text $example.para)); $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
    $w.WriteEndElement()
}
$w.WriteEndElement()
$w.Flush()
$w.Dispose()
foreach ($f in $OutFile -split '\|') { [System.IO.File]::WriteAllBytes($f, $stream.ToArray()) }
