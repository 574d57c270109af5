BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEnvironment.ps1')
}

Describe 'Show-RepricingAuditLog' {
    BeforeAll {
        $root = Join-Path $TestDrive 'viewer-root'
        New-Item -ItemType Directory -Path $root | Out-Null
        Write-RepricingAuditEntry -Script 'job.ps1' -Status FILE_ERROR -Message 'could not open claims.xlsx' -LogPath $root
        Write-RepricingAuditEntry -Script 'job.ps1' -Status INFO -Message 'merged' -LogPath $root
    }

    It 'writes one Listening line, serves the page only with its token, and stops cleanly when stopped as Ctrl+C does' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddCommand('Import-Module').AddParameter('Name', $env:REPRICINGPS_TEST_MODULE).AddStatement()
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

    It 'fails with AuditLogNotFound before listening when the log root is missing' {
        { Show-RepricingAuditLog -LogPath (Join-Path $TestDrive 'nowhere') -NoBrowser -ErrorAction Stop } |
            Should -Throw -ErrorId 'AuditLogNotFound,RepricingPS.Commands.ShowRepricingAuditLogCommand'
    }
}
