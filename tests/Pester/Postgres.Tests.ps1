# The PostgreSQL store through the module's surface, against the throwaway cluster Build.ps1 starts
# (REPRICING_TEST_POSTGRES). Without a server every test here reports Skipped, never Passed.
BeforeDiscovery {
    $script:noServer = -not $env:REPRICING_TEST_POSTGRES
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestEnvironment.ps1')
    if ($env:REPRICING_TEST_POSTGRES) {
        $moduleDir = Split-Path $env:REPRICINGPS_TEST_MODULE
        Add-Type -Path (Join-Path $moduleDir 'bin/Core/Dependencies/Npgsql.dll')
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

Describe 'Initialize-RepricingAuditStore' -Tag 'Postgres', 'Slow' -Skip:$noServer {
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

Describe 'Set-RepricingAuditConfiguration with a database' -Tag 'Postgres', 'Slow' -Skip:$noServer {
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

Describe 'Copy-RepricingAuditLog' -Tag 'Postgres', 'Slow' -Skip:$noServer {
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

Describe 'The audit cmdlets on a database give the same answers as on a folder' -Tag 'Postgres', 'Slow' -Skip:$noServer {
    BeforeAll {
        # A database of its own: the copy test above filled the shared one.
        $script:sameDb = 'rps_p' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        Invoke-PgAdmin "CREATE DATABASE $sameDb"
        $script:sameUri = "postgresql://$($admin.Username)@127.0.0.1:$($admin.Port)/$sameDb"
        Initialize-RepricingAuditStore -ConnectionString $sameUri -Confirm:$false | Out-Null
        $script:folder = Join-Path $TestDrive 'same-answers'
        New-Item -ItemType Directory $folder | Out-Null
        foreach ($root in $folder, $sameUri) {
            'Merged 10 rows', 'Saved out.csv' | Write-RepricingAuditEntry -Script 'Invoke-Repricing' -LogPath $root
            Write-RepricingAuditEntry -Script 'Import-RepricingFile' -Status FILE_ERROR -Action 'Import File' -File '/data/missing.xlsx' -ErrorMessage 'Could not find file' -LogPath $root
            Write-RepricingAuditEntry -Script 'merge.py' -Status USER_ERROR -Message 'wrong template' -LogPath $root
        }
    }

    AfterAll {
        Invoke-PgAdmin "DROP DATABASE IF EXISTS $sameDb WITH (FORCE)"
    }

    It 'Get-RepricingAuditLog, Get-RepricingError and Get-RepricingErrorSummary agree' {
        $a = @(Get-RepricingAuditLog -LogPath $folder); $b = @(Get-RepricingAuditLog -LogPath $sameUri)
        $b.Count | Should -Be 4
        ($b | ForEach-Object { "$($_.Status) $($_.Script) $($_.Message)" }) | Should -Be ($a | ForEach-Object { "$($_.Status) $($_.Script) $($_.Message)" })
        $b[0].PSObject.TypeNames[0] | Should -Be 'RepricingPS.AuditEntry'
        $b[0].Source | Should -Match '^postgresql://.* row \d+$'
        $me = [Environment]::UserName
        (Get-RepricingError -LogPath $sameUri -User $me.ToUpperInvariant()).Status | Should -Be @('USER_ERROR', 'FILE_ERROR')
        @(Get-RepricingError -LogPath $sameUri -User ($me.Substring(1))).Count | Should -Be 0 -Because 'never a substring match'
        $sa = Get-RepricingErrorSummary -LogPath $folder; $sb = Get-RepricingErrorSummary -LogPath $sameUri
        $sb.ErrorCount | Should -Be 2
        $sb.TotalEntries | Should -Be $sa.TotalEntries
        ($sb.ErrorsByStatus | ForEach-Object ToString) | Should -Be ($sa.ErrorsByStatus | ForEach-Object ToString)
        ($sb.UsersWithErrors | ForEach-Object ToString) | Should -Be ($sa.UsersWithErrors | ForEach-Object ToString)
        (Get-RepricingAuditLog -LogPath $sameUri -Last 1).Message | Should -Be 'wrong template'
    }

    It 'Get-UserSupportReport, Test-RepricingAuditLog and Remove-RepricingAuditLog -WhatIf work on the database' {
        $me = [Environment]::UserName
        $r = Get-UserSupportReport -User $me -LogPath $sameUri -Confirm:$false
        $r.ErrorCount | Should -Be 2
        $t = Test-RepricingAuditLog -LogPath $sameUri
        $t.IsValid | Should -BeTrue
        $t.Entries | Should -Be 5 -Because 'the four entries and the SUPPORT_REPORT entry'
        Remove-RepricingAuditLog -OlderThan 1 -LogPath $sameUri -WhatIf
        Invoke-PgAdmin 'SELECT count(*) FROM repricing.audit_entry' $sameDb | Should -Be 5 -Because '-WhatIf removes nothing'
    }

    It 'round-trips hostile text exactly' {
        $hostile = "=HYPERLINK(""x"") 'quoted' \back\slash`0nul +1 -2 @at`t" + ('é' * 1048000)
        Write-RepricingAuditEntry -Script 'hostile' -Message $hostile -LogPath $sameUri
        $back = Get-RepricingAuditLog -LogPath $sameUri -Script hostile
        $back.Message | Should -BeExactly $hostile
    }

    It 'follows new entries with -Wait' {
        $module = $env:REPRICINGPS_TEST_MODULE
        $job = Start-ThreadJob -ScriptBlock {
            $env:PGPASSWORD = $using:password
            Import-Module $using:module
            Get-RepricingAuditLog -LogPath $using:sameUri -Wait -Last 1 | ForEach-Object Message
        }
        try {
            $deadline = (Get-Date).AddSeconds(20); $seen = @()
            while ((Get-Date) -lt $deadline -and $seen -notcontains 'wrong template' -and $seen -notlike '=HYPERLINK*') { $seen += @(Receive-Job $job); Start-Sleep -Milliseconds 100 }
            $written = Get-Date
            Write-RepricingAuditEntry -Script 'tail' -Message 'live one' -LogPath $sameUri
            while ((Get-Date) -lt $deadline -and $seen -notcontains 'live one') { $seen += @(Receive-Job $job); Start-Sleep -Milliseconds 50 }
            $seen | Should -Contain 'live one'
            ((Get-Date) - $written).TotalSeconds | Should -BeLessThan 2
        }
        finally { Stop-Job $job; Remove-Job $job -Force }
    }
}

Describe 'The repricing cmdlets and Export-RepricingAuditLog on a database' -Tag 'Postgres', 'Slow' -Skip:$noServer {
    It 'writes a repricing run''s own entries to the database (REPRICING_AUDIT_PATH) and exports them' {
        $runDb = 'rps_p' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        Invoke-PgAdmin "CREATE DATABASE $runDb"
        $runUri = "postgresql://$($admin.Username)@127.0.0.1:$($admin.Port)/$runDb"
        try {
            Initialize-RepricingAuditStore -ConnectionString $runUri -Confirm:$false | Out-Null
            $sample = New-RepricingSampleData -OutputDirectory (Join-Path $TestDrive 'pg-in') -Claims 200 -Seed 5
            $env:REPRICING_AUDIT_PATH = $runUri
            Invoke-Repricing -File1 $sample.File1 -File2 $sample.File2 -OutputDirectory (Join-Path $TestDrive 'pg-out') -WarningAction SilentlyContinue | Out-Null
            $entries = @(Get-RepricingAuditLog)
            ($entries.Status | Select-Object -First 1) | Should -Be 'START'
            ($entries.Status | Select-Object -Last 1) | Should -Be 'END'
            @($entries | Where-Object { $_.Status -eq 'PROCESS_END' -and $_.Message -like 'Outcome: Succeeded*' }).Count | Should -Be 1
            @($entries.SessionId | Select-Object -Unique).Count | Should -Be 1
            $csv = Join-Path $TestDrive 'pg-export.csv'
            Export-RepricingAuditLog $csv
            @(Import-Csv $csv).Count | Should -Be $entries.Count
            Invoke-PgAdmin 'SELECT count(*) FROM repricing.audit_entry' $runDb | Should -Be $entries.Count
        }
        finally {
            Remove-Item Env:REPRICING_AUDIT_PATH -ErrorAction SilentlyContinue
            Invoke-PgAdmin "DROP DATABASE IF EXISTS $runDb WITH (FORCE)"
        }
    }
}

Describe 'A database server that stops mid-run' -Tag 'Postgres', 'Slow' -Skip:$noServer {
    It 'spools with one warning naming the cause, and Sync moves every entry exactly once' {
        . (Join-Path $PSScriptRoot '../../build/TestPostgres.ps1')
        $own = Start-TestPostgres
        try {
            $own.User | Should -Not -BeNullOrEmpty
            $env:PGPASSWORD = $own.Password
            $ownUri = "postgresql://$($own.User)@127.0.0.1:$($own.Port)/postgres"
            Initialize-RepricingAuditStore -ConnectionString $ownUri -Confirm:$false | Out-Null
            Write-RepricingAuditEntry -Script s -Message 'before' -LogPath $ownUri
            Stop-TestPostgresServer $own
            $warnings = @('down 1', 'down 2', 'down 3' | Write-RepricingAuditEntry -Script s -LogPath $ownUri 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
            $warnings.Count | Should -Be 1
            $warnings[0].Message | Should -Match 'cannot be reached'
            $warnings[0].Message | Should -Not -Match ([regex]::Escape($own.Password))
            (Get-RepricingAuditConfiguration -LogPath $ownUri).SpooledEntries | Should -Be 3
            Start-TestPostgresServer $own
            $sync = Sync-RepricingAuditLog -LogPath $ownUri -Confirm:$false
            $sync.Moved | Should -Be 3
            $sync.Remaining | Should -Be 0
            (Sync-RepricingAuditLog -LogPath $ownUri -Confirm:$false).Moved | Should -Be 0
            (Get-RepricingAuditLog -LogPath $ownUri).Message | Should -Be @('before', 'down 1', 'down 2', 'down 3')
        }
        finally {
            $env:PGPASSWORD = $password
            Stop-TestPostgres $own
        }
    }
}
