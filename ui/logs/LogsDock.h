#pragma once

#include "app/store/StoreTypes.h"

#include <QDockWidget>
#include <QPointer>

#include <memory>

class ApplicationLogFilter;
class ApplicationLogModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QTimer;
class RequestInspector;
class ServiceClient;
class WebhookLogModel;

// View > Logs: the application log with level, category and text filters, the webhook log with
// each payload, its verdict and reason, and a Replay action, and the provider requests (masked).
class LogsDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit LogsDock(QWidget* parent = nullptr);
    ~LogsDock() override;

    // Reads through the service's StoreReader; null detaches (the service is restarting).
    void setService(ServiceClient* service);

    QTableView* applicationLog() const;
    QTableView* webhookLog() const;
    RequestInspector* requestInspector() const;

signals:
    // The webhook list has been (re)read; `rows` entries are shown.
    void webhooksLoaded(int rows);

public slots:
    // Coalesced: new webhooks reload the list at most a few times a second, and only while it is
    // on screen; a hidden list is read again when it is shown.
    void scheduleWebhookReload();
    void reloadWebhooks();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* createApplicationTab();
    QWidget* createWebhookTab();
    void showWebhooks(const Result<QList<WebhookLogEntry>>& entries);
    void showWebhook();
    void showWebhookDetail(const Result<WebhookLogEntry>& entry);
    void replaySelected();
    qint64 selectedWebhookId() const;

    QPointer<ServiceClient> m_service;
    ApplicationLogModel* m_logModel = nullptr;
    ApplicationLogFilter* m_logFilter = nullptr;
    QTableView* m_logView = nullptr;
    QComboBox* m_level = nullptr;
    QLineEdit* m_category = nullptr;
    QLineEdit* m_search = nullptr;
    WebhookLogModel* m_webhookModel = nullptr;
    QTableView* m_webhooks = nullptr;
    QPlainTextEdit* m_webhookDetail = nullptr;
    QPushButton* m_replay = nullptr;
    QLabel* m_replayResult = nullptr;
    QTimer* m_webhookReload = nullptr;
    bool m_webhooksStale = false;
    RequestInspector* m_requests = nullptr;
};
