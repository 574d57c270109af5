<#
.SYNOPSIS
    PostgreSQL writer throughput, this tree against a baseline commit, side by side on one throwaway durable cluster
    (issue 11 §5: 8 writer processes >= 2,000 committed entries/s), and the server's own ceiling measured with pgbench.
.DESCRIPTION
    Builds the benchmark of -Baseline (git archive into a temporary folder) and of this tree, starts a cluster with the
    settings of Build.ps1 -Task Bench (fsync on, synchronous_commit on, group commit), gives each build its own database
    initialised by that build, and runs the writer rounds alternately (bench/RepricingPS.Bench/PostgresWritersCompare.cs):
    entries/s, client and server CPU per entry, server statements per entry. Then pgbench, a C client with next to no
    CPU of its own, with the same 8 connections and the same settings: a minimal insert of the same row size into a table
    with only a primary key, and the insert function RepricingPS calls, as the writer login. What pgbench reaches is what
    this machine's disk and CPU allow whatever the client does. Results in -ResultPath.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Compare-PostgresWriters.ps1 -Baseline f10b988
#>
[CmdletBinding()]
param(
    # The commit to compare with (default: the tip before the writer-throughput work of issue 11).
    [string] $Baseline = 'f10b988',
    [int] $Processes = 8,
    [int] $Seconds = 15,
    [int] $Rounds = 3,
    # Entries already in each database when the writers start.
    [long] $Entries = 200000,
    [string] $ResultPath = (Join-Path $PSScriptRoot '../out/bench/postgres-writers.txt')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = Split-Path $PSScriptRoot
function Invoke-Native([string] $What, [scriptblock] $Command) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)." }
}

$tmp = Join-Path ([System.IO.Path]::GetTempPath()) ('rps-writers-' + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory -Path $tmp | Out-Null
New-Item -ItemType Directory -Path (Split-Path $ResultPath) -Force | Out-Null
. (Join-Path $root 'build/TestPostgres.ps1')
$cluster = $null
try {
    $project = 'bench/RepricingPS.Bench/RepricingPS.Bench.csproj'
    $dll = 'bench/RepricingPS.Bench/bin/Release/net10.0/RepricingPS.Bench.dll'
    $baseTree = Join-Path $tmp 'baseline'
    New-Item -ItemType Directory -Path $baseTree | Out-Null
    $sha = (git -C $root rev-parse --short $Baseline).Trim()
    Invoke-Native "git archive $Baseline" { git -C $root archive --format=tar -o (Join-Path $tmp 'baseline.tar') $Baseline }
    Invoke-Native 'untar baseline' { tar -x -f (Join-Path $tmp 'baseline.tar') -C $baseTree }
    Invoke-Native 'build baseline bench' { dotnet build (Join-Path $baseTree $project) -c Release --nologo -v quiet -clp:NoSummary }
    Invoke-Native 'build bench' { dotnet build (Join-Path $root $project) -c Release --nologo -v quiet -clp:NoSummary }
    $old = Join-Path $baseTree $dll
    $new = Join-Path $root $dll

    $cluster = Start-TestPostgres -Durable
    if (-not $cluster) { throw 'No PostgreSQL server binaries (apt-get install postgresql).' }
    $cs = Get-TestPostgresConnectionString $cluster
    $head = (git -C $root rev-parse --short HEAD).Trim()
    Set-Content $ResultPath "PostgreSQL writers: $head (new) against $sha (old), $($cluster.Bin), options: $($cluster.Options); $(& nproc) cores; load average before: $((Get-Content /proc/loadavg) -replace ' \d+/.*$')"
    Invoke-Native 'generate old database' { dotnet $old pg-generate $cs rps_old $Entries $ResultPath }
    Invoke-Native 'generate new database' { dotnet $new pg-generate $cs rps_new $Entries $ResultPath }

    # A writer login as an administrator grants one (README): a member of repricing_writer, insert only.
    $psql = Join-Path $cluster.Bin 'psql'
    $pgbench = Join-Path $cluster.Bin 'pgbench'
    $writerPassword = 'W-' + [guid]::NewGuid().ToString('N')
    $env:PGPASSWORD = $cluster.Password
    Invoke-Native 'create writer login' { & $psql -q -h 127.0.0.1 -p $cluster.Port -U $cluster.User -d postgres -c "CREATE ROLE rps_bench_writer LOGIN PASSWORD '$writerPassword' IN ROLE repricing_writer" }
    $wcs = "Host=127.0.0.1;Port=$($cluster.Port);Username=rps_bench_writer;Password=$writerPassword;Database=postgres"

    Invoke-Native 'writers side by side' {
        dotnet $new pg-writers-compare $cs $wcs $ResultPath $Processes $Seconds $Rounds "old|$old|rps_old|pg-writer" "new|$new|rps_new|pg-writer" "new-auditlog|$new|rps_new|pg-writer-log"
    }

    # The cost of the path alone: one writer, its session not waiting for the WAL flush (a diagnosis, not durable), so
    # CPU per entry is the client's and the server's work per insert, not the waiting.
    Add-Content $ResultPath 'Per-write cost without the flush wait (1 writer process, this session only: synchronous_commit=off; a diagnosis, not a durable write):'
    Invoke-Native 'one writer, no flush wait' {
        dotnet $new pg-writers-compare $cs "$wcs;Options=-c synchronous_commit=off" $ResultPath 1 $Seconds $Rounds "old|$old|rps_old|pg-writer" "new|$new|rps_new|pg-writer"
    }

    # The server's ceiling: pgbench with the same number of connections, each transaction committed before the next.
    Invoke-Native 'minimal table' { & $psql -q -h 127.0.0.1 -p $cluster.Port -U $cluster.User -d rps_new -c 'CREATE TABLE bench_min (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload text NOT NULL)' }
    $size = & $psql -At -h 127.0.0.1 -p $cluster.Port -U $cluster.User -d rps_new -c 'SELECT round(avg(pg_column_size(a.*))) FROM repricing.audit_entry a'
    $minSql = Join-Path $tmp 'min.sql'
    Set-Content $minSql "INSERT INTO bench_min (payload) VALUES (repeat('x', $([int]$size - 40)));"
    $fnSql = Join-Path $tmp 'fn.sql'
    # The arguments of one bench entry (PostgresBench.Writer), a fresh EntryId each time.
    Set-Content $fnSql "SELECT repricing.insert_entry(now(), 0::smallint, 'writer1', 'BENCH-PC', 'worker', 'INFO', 'entry 1', '', '', '', '', '', 's', md5(random()::text), '7.6.9', 'Linux', false, false, repeat('a', 64));"
    $lines = @("pgbench ($Processes connections, $Seconds s, prepared, same cluster; row of about $size bytes):")
    foreach ($round in 1..2) {
        foreach ($case in @(@{ Name = 'minimal insert, primary key only (admin)'; File = $minSql; User = $cluster.User; Password = $cluster.Password },
                            @{ Name = 'repricing.insert_entry as the writer login'; File = $fnSql; User = 'rps_bench_writer'; Password = $writerPassword })) {
            $env:PGPASSWORD = $case.Password
            $report = & $pgbench -n -c $Processes -j 2 -T $Seconds -M prepared -h 127.0.0.1 -p $cluster.Port -U $case.User -f $case.File rps_new 2>&1
            if ($LASTEXITCODE -ne 0) { throw "pgbench failed: $report" }
            $tps = ($report | Select-String '^tps = ([\d.]+)').Matches[0].Groups[1].Value
            $latency = ($report | Select-String '^latency average = ([\d.]+)').Matches[0].Groups[1].Value
            $lines += "  round ${round}: $($case.Name): $([math]::Round([double]$tps)) tps, latency $latency ms"
        }
    }
    $lines += "load average after: $((Get-Content /proc/loadavg) -replace ' \d+/.*$')"
    Add-Content $ResultPath $lines
    Get-Content $ResultPath
}
finally {
    Remove-Item Env:PGPASSWORD -ErrorAction SilentlyContinue
    Stop-TestPostgres $cluster
    Remove-Item $tmp -Recurse -Force -ErrorAction SilentlyContinue
}
