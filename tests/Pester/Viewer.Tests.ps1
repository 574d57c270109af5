BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEnvironment.ps1')

    # A pipeline in its own runspace with the module loaded, so the test can Stop() it as Ctrl+C does. One command,
    # not a batch (AddStatement): stopping and disposing a running batch can crash the host in PowerShell 7.6.
    function New-ViewerPipeline {
        $iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
        $iss.ImportPSModule($env:REPRICINGPS_TEST_MODULE)
        [powershell]::Create($iss)
    }
}

Describe 'Show-RepricingAuditLog' -Tag 'Viewer' {
    BeforeAll {
        $root = Join-Path $TestDrive 'viewer-root'
        New-Item -ItemType Directory -Path $root | Out-Null
        Write-RepricingAuditEntry -Script 'job.ps1' -Status FILE_ERROR -Message 'could not open claims.xlsx' -LogPath $root
        Write-RepricingAuditEntry -Script 'job.ps1' -Status INFO -Message 'merged' -LogPath $root
    }

    It 'writes one Listening line, serves the page only with its token, and stops cleanly when stopped as Ctrl+C does' {
        $ps = New-ViewerPipeline
        try {
            $null = $ps.AddCommand('Show-RepricingAuditLog').AddParameter('LogPath', $root).AddParameter('NoBrowser')
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $noInput = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $noInput.Complete() # an open input collection would keep the pipeline waiting for input
            $async = $ps.BeginInvoke($noInput, $output)
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while ($output.Count -eq 0 -and -not $async.IsCompleted -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            # (Count and indexing only: enumerating an open PSDataCollection blocks until it is completed.)
            $ps.Streams.Error.Count | Should -Be 0
            $line = [string] $output[0]
            $line -match '^Listening on http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]{43})$' | Should -BeTrue -Because "'$line' is the one line"
            $port = [int] $Matches[1]
            $token = $Matches[2]
            $url = $line.Substring('Listening on '.Length)

            $page = Invoke-WebRequest -Uri $url -UseBasicParsing -SessionVariable browser
            $page.StatusCode | Should -Be 200
            $browser.Cookies.GetCookies([uri] $url)["rpsv_$port"].Value | Should -Be $token
            # The cookie the page set lets later requests leave the token out of the address (EventSource cannot send headers).
            (Invoke-WebRequest -Uri "http://127.0.0.1:$port/api/entries" -UseBasicParsing -WebSession $browser).StatusCode | Should -Be 200
            (Invoke-WebRequest -Uri "http://127.0.0.1:$port/api/entries" -UseBasicParsing -SkipHttpErrorCheck).StatusCode | Should -Be 403
            $wrong = $(if ($token[0] -ceq 'A') { 'B' } else { 'A' }) + $token.Substring(1)
            (Invoke-WebRequest -Uri "http://127.0.0.1:$port/api/entries?token=$wrong" -UseBasicParsing -SkipHttpErrorCheck).StatusCode | Should -Be 403
            $data = Invoke-RestMethod -Uri ($url -replace '/\?', '/api/entries?') -Body @{ status = 'errors' }
            $data.summary.total | Should -Be 1
            $data.entries[0].message | Should -Be 'could not open claims.xlsx'

            $ps.Stop() # what Ctrl+C does: StopProcessing, then the cmdlet returns
            $async.IsCompleted | Should -BeTrue
            $output.Count | Should -Be 1
            # Stopped cleanly: the port is free again.
            $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, $port)
            { $listener.Start() } | Should -Not -Throw
            $listener.Stop()
        }
        finally {
            $ps.Dispose()
        }
    }

    It 'opens the page with xdg-open, and only warns when the browser cannot be opened' -Skip:(-not $IsLinux) {
        # A stand-in xdg-open first on PATH: the first records the address it was given, the second fails.
        $bin = Join-Path $TestDrive 'fake-bin'
        New-Item -ItemType Directory -Path $bin -Force | Out-Null
        $opened = Join-Path $TestDrive 'opened.txt'
        $savedPath = $env:PATH
        try {
            foreach ($case in @{ Script = "#!/bin/sh`nprintf '%s' `"`$1`" > '$opened'`nexit 0`n"; Fails = $false },
                              @{ Script = "#!/bin/sh`nexit 3`n"; Fails = $true }) {
                Set-Content -Path (Join-Path $bin 'xdg-open') -Value $case.Script -NoNewline
                & chmod +x (Join-Path $bin 'xdg-open')
                $env:PATH = "$bin$([System.IO.Path]::PathSeparator)$savedPath"
                $ps = New-ViewerPipeline
                try {
                    $null = $ps.AddCommand('Show-RepricingAuditLog').AddParameter('LogPath', $root)
                    $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
                    $noInput = [System.Management.Automation.PSDataCollection[psobject]]::new()
                    $noInput.Complete()
                    $async = $ps.BeginInvoke($noInput, $output)
                    $deadline = [DateTime]::UtcNow.AddSeconds(30)
                    while ($ps.Streams.Warning.Count -eq 0 -and -not (Test-Path $opened) -and -not $async.IsCompleted -and [DateTime]::UtcNow -lt $deadline) {
                        Start-Sleep -Milliseconds 50
                    }
                    Start-Sleep -Milliseconds 200
                    $ps.InvocationStateInfo.State | Should -Be 'Running' -Because 'a browser that cannot be opened is not an error'
                    $ps.Streams.Error.Count | Should -Be 0
                    $url = ([string] $output[0]).Substring('Listening on '.Length)
                    if ($case.Fails) {
                        $ps.Streams.Warning.Count | Should -Be 1
                        $ps.Streams.Warning[0].Message | Should -BeLike "The browser could not be opened ('xdg-open' exited with code 3)*"
                    }
                    else {
                        Get-Content $opened -Raw | Should -Be $url
                        $ps.Streams.Warning.Count | Should -Be 0
                        Remove-Item $opened
                    }
                    $ps.Stop()
                }
                finally {
                    $ps.Dispose()
                }
            }
        }
        finally {
            $env:PATH = $savedPath
        }
    }

    It 'fails with AuditLogNotFound before listening when the log root is missing' {
        { Show-RepricingAuditLog -LogPath (Join-Path $TestDrive 'nowhere') -NoBrowser -ErrorAction Stop } |
            Should -Throw -ErrorId 'AuditLogNotFound,RepricingPS.Commands.ShowRepricingAuditLogCommand'
    }
}
