<#
.SYNOPSIS
    A throwaway PostgreSQL cluster for the tests: initdb into a temporary folder with password (SCRAM)
    authentication, a free loopback port, started with pg_ctl; Stop-TestPostgres stops it and deletes the folder.
.NOTES
    Dot-source it. The server refuses to run as root, so under root (CI) the folder is given to the
    'postgres' OS user and every server command runs as that user through runuser.
#>

function Find-PostgresBin {
    foreach ($dir in @(Get-ChildItem '/usr/lib/postgresql/*/bin' -Directory -ErrorAction SilentlyContinue | Sort-Object { [int] $_.Parent.Name } -Descending)) {
        if (Test-Path (Join-Path $dir.FullName 'initdb')) { return $dir.FullName }
    }
    $initdb = Get-Command initdb -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($initdb) { return Split-Path $initdb.Source }
    $null
}

function Get-FreeLoopbackPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Invoke-AsPostgres {
    param([string] $Exe, [string[]] $Arguments)
    $isRoot = (& id -u) -eq '0'
    if ($isRoot) { & runuser -u postgres -- $Exe @Arguments } else { & $Exe @Arguments }
    if ($LASTEXITCODE -ne 0) { throw "$(Split-Path $Exe -Leaf) failed (exit code $LASTEXITCODE)." }
}

# Returns a description of the running cluster (or $null with a reason when no server binaries are installed).
function Start-TestPostgres {
    # -Durable keeps fsync on (benchmarks measure committed writes); tests run faster without it.
    param([switch] $Durable)
    $bin = Find-PostgresBin
    if (-not $bin) { return $null }
    $dir = Join-Path ([System.IO.Path]::GetTempPath()) ("rps-pg-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $dir | Out-Null
    $cluster = [pscustomobject]@{
        Bin = $bin; Folder = $dir; Data = (Join-Path $dir 'data'); Port = (Get-FreeLoopbackPort)
        User = 'rps_test_admin'; Password = ('T3st-' + [guid]::NewGuid().ToString('N')); Started = $false
    }
    $pwFile = Join-Path $dir 'pw'
    Set-Content -Path $pwFile -Value $cluster.Password -NoNewline
    if ((& id -u) -eq '0') { & chown -R postgres $dir; if ($LASTEXITCODE -ne 0) { throw "chown $dir failed." } }
    Invoke-AsPostgres (Join-Path $bin 'initdb') @('-D', $cluster.Data, '-U', $cluster.User, "--pwfile=$pwFile",
        '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C') | Out-Null
    Remove-Item $pwFile -Force
    $options = "-p $($cluster.Port) -c listen_addresses=127.0.0.1 -k $dir -c max_connections=60"
    if (-not $Durable) { $options += ' -c fsync=off -c synchronous_commit=off' }
    # Group commit: concurrent writers' commits share one WAL flush (each still durable before it returns).
    else { $options += ' -c shared_buffers=256MB -c max_wal_size=4GB -c commit_delay=200 -c commit_siblings=3' }
    $cluster | Add-Member -NotePropertyName Options -NotePropertyValue $options
    Start-TestPostgresServer $cluster
    $cluster
}

# Starts (or restarts) the server of a cluster made by Start-TestPostgres.
function Start-TestPostgresServer {
    param($Cluster)
    Invoke-AsPostgres (Join-Path $Cluster.Bin 'pg_ctl') @('-D', $Cluster.Data, '-o', $Cluster.Options, '-l', (Join-Path $Cluster.Folder 'server.log'), '-w', 'start') | Out-Null
    $Cluster.Started = $true
}

# Stops the server but keeps the cluster (a test of a server going away mid-run).
function Stop-TestPostgresServer {
    param($Cluster)
    Invoke-AsPostgres (Join-Path $Cluster.Bin 'pg_ctl') @('-D', $Cluster.Data, '-m', 'fast', '-w', 'stop') | Out-Null
    $Cluster.Started = $false
}

function Stop-TestPostgres {
    param($Cluster)
    if (-not $Cluster) { return }
    try {
        if ($Cluster.Started -and (Test-Path (Join-Path $Cluster.Data 'postmaster.pid'))) {
            Invoke-AsPostgres (Join-Path $Cluster.Bin 'pg_ctl') @('-D', $Cluster.Data, '-m', 'immediate', '-w', 'stop') | Out-Null
        }
    }
    finally {
        Remove-Item $Cluster.Folder -Recurse -Force -ErrorAction SilentlyContinue
    }
}

# The connection string the tests use (a superuser test login; the password is random per run).
function Get-TestPostgresConnectionString {
    param($Cluster)
    "Host=127.0.0.1;Port=$($Cluster.Port);Username=$($Cluster.User);Password=$($Cluster.Password);Database=postgres"
}
