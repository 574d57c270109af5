# The PostgreSQL store through the module's surface, against the throwaway cluster Build.ps1 starts
# (REPRICING_TEST_POSTGRES). Without a server every test here reports Skipped, never Passed.
BeforeDiscovery {
    $script:noServer = -not $env:REPRICING_TEST_POSTGRES
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEnvironment.ps1')
    if ($env:REPRICING_TEST_POSTGRES) {
        $moduleDir = Split-Path $env:REPRICINGPS_TEST_MODULE
        Add-Type -Path (Join-Path $moduleDir 'bin/Core/Npgsql.dll')
        function Invoke-PgAdmin([string] $Sql, [string] $Database = 'postgres') {
            $b = [Npgsql.NpgsqlConnectionStringBuilder]::new($env:REPRICING_TEST_POSTGRES)
            $b.Database = $Database
            $b.Pooling = $false
            $c = [Npgsql.NpgsqlConnection]::new($b.ConnectionString)
            $c.Open()
            try { $cmd = $c.CreateCommand(); $cmd.CommandText = $Sql; $cmd.ExecuteScalar() } finally { $c.Dispose() }
        }
        $admin = [Npgsql.NpgsqlConnectionStringBuilder]::new($env:REPRICING_TEST_POSTGRES)
        $script:password = $admin.Password
        $script:db = 'rps_p' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        Invoke-PgAdmin "CREATE DATABASE $db"
        # The form a user configures: no password (it comes from PGPASSWORD).
        $script:uri = "postgresql://$($admin.Username)@127.0.0.1:$($admin.Port)/$db"
        $script:keyValue = "Host=127.0.0.1;Port=$($admin.Port);Database=$db;Username=$($admin.Username)"
        $env:PGPASSWORD = $password
    }
}

AfterAll {
    if ($env:REPRICING_TEST_POSTGRES) {
        Remove-Item Env:PGPASSWORD -ErrorAction SilentlyContinue
        Invoke-PgAdmin "DROP DATABASE IF EXISTS $db WITH (FORCE)"
    }
}

Describe 'Initialize-RepricingAuditStore' -Skip:$noServer {
    It 'changes nothing with -WhatIf, then creates schema version 1 with its three roles' {
        $plan = Initialize-RepricingAuditStore -ConnectionString $uri -WhatIf
        $plan.Applied | Should -BeFalse
        $plan.PreviousVersion | Should -Be 0
        Invoke-PgAdmin "SELECT to_regclass('repricing.audit_entry') IS NULL" $db | Should -BeTrue
        $done = Initialize-RepricingAuditStore -ConnectionString $uri -Confirm:$false
        $done.Applied | Should -BeTrue
        $done.SchemaVersion | Should -Be 1
        $done.Database | Should -Be "postgresql://$((New-Object Npgsql.NpgsqlConnectionStringBuilder $env:REPRICING_TEST_POSTGRES).Username)@127.0.0.1:$((New-Object Npgsql.NpgsqlConnectionStringBuilder $env:REPRICING_TEST_POSTGRES).Port)/$db"
        Invoke-PgAdmin "SELECT count(*) FROM pg_roles WHERE rolname IN ('repricing_writer', 'repricing_reader', 'repricing_admin')" | Should -Be 3
    }

    It 'fails with AuditStoreAuthenticationFailed on a wrong password and never prints it' {
        $wrong = 'Wr0ng-' + [guid]::NewGuid().ToString('N')
        $err = { Initialize-RepricingAuditStore -ConnectionString "$keyValue;Password=$wrong" -Confirm:$false } |
            Should -Throw -ErrorId 'AuditStoreAuthenticationFailed*' -PassThru
        $err.CategoryInfo.Reason | Should -Be 'CONFIG_ERROR'
        "$err $($err.Exception.ToString())" | Should -Not -Match $wrong
    }

    It 'fails with AuditStoreUnreachable when nothing listens on the port' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0); $listener.Start()
        $port = $listener.LocalEndpoint.Port; $listener.Stop()
        { Initialize-RepricingAuditStore -ConnectionString "postgresql://x@127.0.0.1:$port/none" -Confirm:$false } |
            Should -Throw -ErrorId 'AuditStoreUnreachable*'
    }
}

Describe 'Set-RepricingAuditConfiguration with a database' -Skip:$noServer {
    It 'refuses a connection string with a password and says where the password goes' {
        $err = { Set-RepricingAuditConfiguration -Path "$keyValue;Password=Secret-99" -Confirm:$false } |
            Should -Throw -ErrorId 'AuditConnectionHasPassword*' -PassThru
        $err.Exception.Message | Should -Match 'PGPASSWORD'
        $err.Exception.Message | Should -Not -Match 'Secret-99'
    }

    It 'saves a URI as given (not as a folder path) and reports the database' {
        Push-Location $TestDrive
        try { $c = Set-RepricingAuditConfiguration -Path $keyValue -Confirm:$false } finally { Pop-Location }
        $c.StoreKind | Should -Be 'PostgreSQL'
        $c.Database | Should -Be $db
        $c.SchemaVersion | Should -Be 1
        $c.Writable | Should -BeTrue
        $c.RootExists | Should -BeTrue
        Get-Content $c.SettingsFile -Raw | Should -Match ([regex]::Escape("AuditLogPath=$keyValue"))
        Test-Path (Join-Path $TestDrive 'Host=127.0.0.1*') | Should -BeFalse -Because 'a connection string is never a folder'
        Remove-Item $c.SettingsFile
    }
}

Describe 'Copy-RepricingAuditLog' -Skip:$noServer {
    It 'copies the sample legacy logs once: a second run reports everything AlreadyPresent' {
        $root = Join-Path $TestDrive 'legacy-copy'
        Copy-Item $shared $root -Recurse
        $first = Copy-RepricingAuditLog -Path $root -Destination $uri -Confirm:$false
        $first.PSObject.TypeNames[0] | Should -Be 'RepricingPS.AuditCopyResult'
        $read = @(Get-RepricingAuditLog -LogPath $root -WarningAction SilentlyContinue).Count
        $first.Read | Should -Be $read
        $first.Copied | Should -Be $read
        $second = Copy-RepricingAuditLog -Path $root -Destination $uri -Confirm:$false
        $second.Copied | Should -Be 0
        $second.AlreadyPresent | Should -Be $read
        $second.MalformedRows | Should -Be $first.MalformedRows
        Invoke-PgAdmin 'SELECT count(*) FROM repricing.audit_entry' $db | Should -Be $read
    }
}
