; Inno Setup 6 script of the XKLĐ Desktop installer for Windows 10 (1809) or newer, 64-bit.
;
; Build the bundle first (python installer\build.py), then, from the repository root:
;   iscc /DAppVersion=0.1.0 installer\xkld-desktop.iss
; The workflow .github/workflows/windows-installer.yml does both on a Windows runner.
;
; Inputs (paths relative to this file; override with /D on the iscc command line):
;   BundleDir      the PyInstaller folder: xkld-desktop.exe (windowed), xkld-desktop-cli.exe, _internal\
;   StageDir       build.py's stage folder with xkld-desktop.ico (rendered from resources\icons\xkld.svg)
;   VietnameseIsl  Inno Setup's Vietnamese messages. Inno Setup ships only its official languages;
;                  Vietnamese is one of the unofficial translations kept in Inno Setup's source
;                  repository (Files/Languages/Unofficial/Vietnamese.isl, for Inno Setup 6.5+).
;                  The workflow downloads a pinned copy at build time instead of this repository
;                  carrying a third-party file; to build by hand, download it to the path below.
;
; What the installer does: installs for the current user without administrator rights by default
; (the dialog offers "all users" to an administrator), into Program Files or
; %LOCALAPPDATA%\Programs; adds a Start-menu folder with the program and its uninstaller, and a
; desktop shortcut (ticked by default); offers to start the program at the end. The uninstaller
; removes the program's files and asks, in a small window whose box is NOT ticked, whether to
; delete the user's data too (database, backups, log: %LOCALAPPDATA%\XKLD\xkld-desktop; settings:
; %APPDATA%\XKLD\xkld-desktop.ini). A silent uninstall always keeps the data.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\dist\xkld-desktop"
#endif
#ifndef StageDir
  #define StageDir "..\build\installer\stage"
#endif
#ifndef VietnameseIsl
  #define VietnameseIsl "..\build\installer\Vietnamese.isl"
#endif
#if VER < EncodeVer(6, 6, 0)
  #error Inno Setup 6.6 or newer is needed (CreateCustomForm with a size, Vietnamese.isl for 6.5+)
#endif
#define AppName "XKLĐ Desktop"
#define AppExe "xkld-desktop.exe"

[Setup]
; the AppId identifies the program across versions (upgrades, uninstall): never change it
AppId={{6F1B7C1E-3A0C-4E55-9B8E-5C2D7E0A41D9}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=XKLĐ Desktop developers
AppComments=Quản lý người lao động đi làm việc có thời hạn ở nước ngoài theo hợp đồng (cấp xã)
DefaultDirName={autopf}\XKLD Desktop
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
; Qt 6 runs on Windows 10 1809 (build 17763) or newer, 64-bit only
MinVersion=10.0.17763
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile={#StageDir}\xkld-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\dist
OutputBaseFilename=xkld-desktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
LanguageDetectionMethod=uilanguage
CloseApplications=yes
DisableProgramGroupPage=auto

[Languages]
; Vietnamese first: the language of the program and of its users
Name: "vietnamese"; MessagesFile: "{#VietnameseIsl}"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
vietnamese.RemoveDataTitle=Gỡ cài đặt {#AppName}
vietnamese.RemoveDataText=Chương trình sẽ được gỡ khỏi máy. Dữ liệu của bạn (cơ sở dữ liệu, các bản sao lưu, nhật ký và cài đặt) được GIỮ LẠI, để cài lại hoặc chép sang máy khác.
vietnamese.RemoveDataCheck=Xóa luôn dữ liệu của tôi (không thể hoàn tác)
vietnamese.RemoveDataConfirm=Xóa vĩnh viễn toàn bộ dữ liệu trong:%n%n%1%n%nBạn đã sao lưu dữ liệu chưa? Chọn "Có" để xóa.
vietnamese.ButtonContinue=Tiếp tục
english.RemoveDataTitle=Uninstall {#AppName}
english.RemoveDataText=The program will be removed from this PC. Your data (database, backups, log and settings) is KEPT, to install again or to copy to another PC.
english.RemoveDataCheck=Also delete my data (cannot be undone)
english.RemoveDataConfirm=Delete all the data in:%n%n%1%n%nfor good? Have you made a backup? Choose "Yes" to delete.
english.ButtonContinue=Continue

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; files the program itself may leave in its folder (compiled Python caches)
Type: filesandordirs; Name: "{app}\_internal\xkld_desktop\db\__pycache__"
Type: filesandordirs; Name: "{app}\_internal\xkld_desktop\db\versions\__pycache__"
Type: filesandordirs; Name: "{app}\_internal\xkld_desktop\resources\__pycache__"

[Code]
var
  RemoveData: Boolean;

function DataDir(): String;
begin
  { platformdirs.user_data_dir("xkld-desktop", "XKLD"): database, backups, log and caches }
  Result := ExpandConstant('{localappdata}\XKLD\xkld-desktop');
end;

function SettingsFile(): String;
begin
  { QSettings in INI format, organisation "XKLD", application "xkld-desktop" }
  Result := ExpandConstant('{userappdata}\XKLD\xkld-desktop.ini');
end;

{ The uninstaller has no wizard pages: a small window with one check box, not ticked.
  Returns False when the user cancels the uninstall; Remove says whether the box was ticked. }
function AskRemoveData(var Remove: Boolean): Boolean;
var
  Form: TSetupForm;
  Text: TNewStaticText;
  Check: TNewCheckBox;
  OkButton, CancelButton: TNewButton;
begin
  Remove := False;
  { Inno Setup 6.6+: the size is given here and scaled by the function }
  Form := CreateCustomForm(440, 170, True, True);
  try
    Form.Caption := CustomMessage('RemoveDataTitle');
    Text := TNewStaticText.Create(Form);
    Text.Parent := Form;
    Text.Left := ScaleX(12);
    Text.Top := ScaleY(12);
    Text.Width := Form.ClientWidth - ScaleX(24);
    Text.WordWrap := True;
    Text.Caption := CustomMessage('RemoveDataText');
    Check := TNewCheckBox.Create(Form);
    Check.Parent := Form;
    Check.Left := ScaleX(12);
    Check.Top := ScaleY(80);
    Check.Width := Form.ClientWidth - ScaleX(24);
    Check.Caption := CustomMessage('RemoveDataCheck');
    Check.Checked := False;
    OkButton := TNewButton.Create(Form);
    OkButton.Parent := Form;
    OkButton.Caption := CustomMessage('ButtonContinue');
    OkButton.Left := Form.ClientWidth - ScaleX(12 + 90 + 8 + 90);
    OkButton.Top := Form.ClientHeight - ScaleY(12 + 25);
    OkButton.Width := ScaleX(90);
    OkButton.Height := ScaleY(25);
    OkButton.ModalResult := mrOk;
    OkButton.Default := True;
    CancelButton := TNewButton.Create(Form);
    CancelButton.Parent := Form;
    CancelButton.Caption := SetupMessage(msgButtonCancel);
    CancelButton.Left := Form.ClientWidth - ScaleX(12 + 90);
    CancelButton.Top := OkButton.Top;
    CancelButton.Width := ScaleX(90);
    CancelButton.Height := ScaleY(25);
    CancelButton.ModalResult := mrCancel;
    CancelButton.Cancel := True;
    Form.ActiveControl := OkButton;
    Result := Form.ShowModal() = mrOk;
    Remove := Result and Check.Checked;
  finally
    Form.Free();
  end;
end;

function InitializeUninstall(): Boolean;
begin
  RemoveData := False;
  Result := True;
  if not UninstallSilent() then
  begin
    Result := AskRemoveData(RemoveData);
    if RemoveData then
      RemoveData := MsgBox(FmtMessage(CustomMessage('RemoveDataConfirm'), [DataDir()]),
        mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and RemoveData then
  begin
    DelTree(DataDir(), True, True, True);
    DeleteFile(SettingsFile());
    { the organisation folders, only when nothing else is left in them }
    RemoveDir(ExpandConstant('{localappdata}\XKLD'));
    RemoveDir(ExpandConstant('{userappdata}\XKLD'));
  end;
end;
