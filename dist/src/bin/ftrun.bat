@echo off
rem ftrun: run a transfer script.  Usage: ftrun [options] script.groovy [-Pname=value ...]   (ftrun --help)
rem The distribution's launcher for Windows, with the jars in ..\lib. JAVA_HOME, or else the java on the PATH, runs it.
rem The JDK's own class-data archive is used (-Xshare:auto); the per-build archives and the JIT hint of bin/ftrun
rem are not made here. FTRUN_JAVA_OPTS adds JVM options.
setlocal
set "FTRUN_HOME=%~dp0.."
if defined JAVA_HOME (
  set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA_EXE=java.exe"
)
"%JAVA_EXE%" -XX:+UseSerialGC -Xshare:auto %FTRUN_JAVA_OPTS% -cp "%FTRUN_HOME%\lib\*" io.ftrun.dsl.cli.Main %*
exit /b %ERRORLEVEL%
