# Set up sessionpack on Windows: install the pinned typst once per machine into the folder the
# tool looks in (%LOCALAPPDATA%\sessionpack\typst-0.15.1\bin), from typst's own release
# archive, checked against the SHA-256 pinned in scripts\typst-0.15.1.sha256 before anything in
# it is run. An archive that does not match is refused and nothing is installed. Only where the
# download is impossible is typst compiled with `cargo install` instead (that needs Rust).
#
#   powershell -ExecutionPolicy Bypass -File scripts\setup.ps1              typst, then the tool
#   powershell -ExecutionPolicy Bypass -File scripts\setup.ps1 -TypstOnly   typst only
#
# SESSIONPACK_TYPST_MIRROR: where the release archives are, for an office that mirrors them.
param([switch]$TypstOnly)
$ErrorActionPreference = 'Stop'

$TypstVersion = '0.15.1'
$Here = Split-Path -Parent $MyInvocation.MyCommand.Path
$Sums = Join-Path $Here "typst-$TypstVersion.sha256"
$Mirror = if ($env:SESSIONPACK_TYPST_MIRROR) { $env:SESSIONPACK_TYPST_MIRROR } else { "https://github.com/typst/typst/releases/download/v$TypstVersion" }
$Base = if ($env:XDG_CACHE_HOME) { $env:XDG_CACHE_HOME } else { $env:LOCALAPPDATA }
$Cache = Join-Path (Join-Path $Base 'sessionpack') "typst-$TypstVersion"
$Exe = Join-Path (Join-Path $Cache 'bin') 'typst.exe'

function Test-PinnedTypst([string]$Path) {
    if (-not $Path -or -not (Test-Path -LiteralPath $Path -PathType Leaf)) { return $false }
    try { $v = & $Path --version 2>$null } catch { return $false }
    return ($v -match "^typst $([regex]::Escape($TypstVersion)) ")
}

# Returns $true when installed, $false when the download is impossible; a checksum mismatch
# stops the script with nothing installed.
function Install-Release {
    $arch = $env:PROCESSOR_ARCHITECTURE
    if ($arch -ne 'AMD64') {
        Write-Host "setup: no typst archive is pinned for Windows on $arch"
        return $false
    }
    $asset = 'typst-x86_64-pc-windows-msvc.zip'
    $want = $null
    foreach ($line in Get-Content -LiteralPath $Sums) {
        $parts = $line -split '\s+'
        if ($parts.Count -ge 2 -and $parts[1] -eq $asset) { $want = $parts[0].ToLowerInvariant() }
    }
    if (-not $want) {
        Write-Host "setup: no SHA-256 pinned for $asset in $Sums"
        return $false
    }
    $tmp = Join-Path ([System.IO.Path]::GetTempPath()) ("sessionpack-typst-" + [guid]::NewGuid())
    New-Item -ItemType Directory -Path $tmp | Out-Null
    try {
        $zip = Join-Path $tmp $asset
        Write-Host "setup: downloading $asset from $Mirror"
        try {
            [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12
            Invoke-WebRequest -UseBasicParsing -Uri "$Mirror/$asset" -OutFile $zip
        } catch {
            Write-Host "setup: could not download $Mirror/$asset ($($_.Exception.Message))"
            return $false
        }
        $got = (Get-FileHash -Algorithm SHA256 -LiteralPath $zip).Hash.ToLowerInvariant()
        if ($got -ne $want) {
            Write-Error ("setup: refused ${asset}: its SHA-256 is not the one pinned in scripts\typst-$TypstVersion.sha256`n" +
                "  expected $want`n  received $got`n" +
                "  nothing was installed and nothing from it was run; the download was altered or is not typst $TypstVersion")
        }
        $unpacked = Join-Path $tmp 'x'
        Expand-Archive -LiteralPath $zip -DestinationPath $unpacked
        $found = Join-Path (Join-Path $unpacked 'typst-x86_64-pc-windows-msvc') 'typst.exe'
        if (-not (Test-Path -LiteralPath $found)) {
            Write-Error "setup: $asset matched its pinned SHA-256 but holds no typst.exe"
        }
        New-Item -ItemType Directory -Force -Path (Split-Path -Parent $Exe) | Out-Null
        $partial = "$Exe.partial"
        Copy-Item -LiteralPath $found -Destination $partial -Force
        Move-Item -LiteralPath $partial -Destination $Exe -Force
        Write-Host "setup: typst $TypstVersion installed from its release archive (SHA-256 checked) into $Cache"
        return $true
    } finally {
        Remove-Item -LiteralPath $tmp -Recurse -Force -ErrorAction SilentlyContinue
    }
}

if ($env:SESSIONPACK_TYPST) {
    if (-not (Test-PinnedTypst $env:SESSIONPACK_TYPST)) {
        Write-Error "setup: SESSIONPACK_TYPST=$($env:SESSIONPACK_TYPST) is not typst $TypstVersion; unset it or point it at typst $TypstVersion"
    }
    Write-Host "setup: using typst $TypstVersion from SESSIONPACK_TYPST"
} elseif (Test-PinnedTypst $Exe) {
    Write-Host "setup: using typst $TypstVersion from $Cache"
} elseif ((Get-Command typst -ErrorAction SilentlyContinue) -and (Test-PinnedTypst (Get-Command typst).Source)) {
    Write-Host "setup: using typst $TypstVersion from PATH"
} else {
    if (-not (Install-Release)) {
        if (-not (Get-Command cargo -ErrorAction SilentlyContinue)) {
            Write-Error ("setup: typst $TypstVersion could not be downloaded, and cargo (Rust) is not installed to compile it`n" +
                "  help: download typst-x86_64-pc-windows-msvc.zip $TypstVersion from https://github.com/typst/typst/releases and set SESSIONPACK_TYPST to its typst.exe, or install Rust (https://rustup.rs) and run this again")
        }
        Write-Host "setup: compiling typst $TypstVersion into $Cache (once per machine; about 12 minutes on 2 cores)"
        cargo install typst-cli --locked --version $TypstVersion --root $Cache
        if ($LASTEXITCODE -ne 0) { Write-Error "setup: cargo install typst-cli failed" }
    }
    if (-not (Test-PinnedTypst $Exe)) { Write-Error "setup: typst $TypstVersion did not install" }
}

if ($TypstOnly) { exit 0 }
# From a release: sessionpack.exe is beside this folder and needs no build.
$Root = Split-Path -Parent $Here
if (Test-Path -LiteralPath (Join-Path $Root 'Cargo.toml')) {
    Push-Location $Root
    try {
        cargo build --release --locked
        if ($LASTEXITCODE -ne 0) { Write-Error "setup: cargo build failed" }
    } finally { Pop-Location }
    Write-Host "setup: ready: target\release\sessionpack.exe"
} else {
    Write-Host "setup: ready"
}
