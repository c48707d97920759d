#pragma once

#include "app/config/Config.h"
#include "app/store/StoreTypes.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class Composer;
class ConsolePage;
class ConversationListPanel;
class CopyableField;
class CsvExportAction;
class DashboardDialog;
class DiagnoseWebhooksDialog;
class LogsDock;
class ProviderStatusLabel;
class QDockWidget;
class QLabel;
class QMenu;
class QStackedWidget;
class QToolButton;
class SecretStore;
class ServiceClient;
class SetupPage;
class StatusTimelinePanel;
class StoreReader;
class TeamBanner;
class TemplateBench;
class ThreadHeader;
class ThreadModel;
class ThreadView;
class TrayNotifier;

// The console's frame: it only assembles panels, actions and shortcuts. Until a service is
// attached (or when the configuration is broken) it shows the SetupPage; then the ConsolePage.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const Config& config, QWidget* parent = nullptr);
    ~MainWindow() override;

    // The started service, through its client (which outlives the window). Builds the console on
    // the client's reader.
    void attachService(ServiceClient* service);
    // The service could not start: say so on the setup page.
    void showServiceProblem(const QString& message);

    // The console's parts, forwarded from the ConsolePage; nullptr until a service is attached.
    ConversationListPanel* conversations() const;
    ThreadModel* threadModel() const;
    ThreadView* threadView() const;
    ThreadHeader* threadHeader() const;
    Composer* composer() const;
    SetupPage* setupPage() const;
    ConsolePage* console() const;
    TrayNotifier* trayNotifier() const;
    LogsDock* logsDock() const;

    // Where Settings keeps secrets; without one, Settings is not offered.
    void setSecretStore(SecretStore* secrets);
    // Window, dock and splitter geometry into QSettings (also on close).
    void saveWindowState() const;
    // The service is going away for a restart: drop everything that uses it and say so.
    void showRestarting();

public slots:
    // The side panel with the message's statuses (context menu, screenshots).
    void showStatusTimeline(qint64 messageId);
    // File > Settings.
    void showSettings();

signals:
    // Settings were saved: the service must restart with them.
    void restartRequested();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    QWidget* createSandboxBanner();
    void createConsole();
    void createMenus();
    void createShortcuts();
    void createServiceActions();
    void showTemplateBench();
    void startNewConversation();
    void showDashboard();
    void showDiagnosis();
    void exportConversation();
    void createStatusBar(const Config& config);
    void updateOutbox();
    void showWebhookRefused(const QString& reason);
    void updateTitle(int unread);

    Config m_config;
    StoreReader* m_reader = nullptr; // the client's
    bool m_windowEnforced = true;
    QPointer<ServiceClient> m_service;
    QStackedWidget* m_pages = nullptr;
    SetupPage* m_setup = nullptr;
    ConsolePage* m_console = nullptr;
    QMenu* m_fileMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_toolsMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
    ProviderStatusLabel* m_providerStatus = nullptr;
    CopyableField* m_webhookUrl = nullptr;
    QToolButton* m_webhookRefused = nullptr;
    QLabel* m_outboxStatus = nullptr;
    TeamBanner* m_teamBanner = nullptr;
    TrayNotifier* m_tray = nullptr;
    LogsDock* m_logs = nullptr;
    StatusTimelinePanel* m_timeline = nullptr;
    QDockWidget* m_timelineDock = nullptr;
    QPointer<TemplateBench> m_templateBench;
    CsvExportAction* m_export = nullptr;
    QPointer<DashboardDialog> m_dashboard;
    QPointer<DiagnoseWebhooksDialog> m_diagnosis;
    QPointer<SecretStore> m_secrets;
    QAction* m_settingsAction = nullptr;
};
