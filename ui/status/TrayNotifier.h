#pragma once

#include "app/store/StoreTypes.h"

#include <QObject>
#include <QPointer>
#include <QSet>

class StoreReader;
class QSystemTrayIcon;
class QTimer;
class QWidget;

// The tray icon with the unread count, and a desktop notification for a new inbound message
// while the console is not the active window. Where there is no tray (some desktops, tests)
// it still counts and asks the window manager to flag the window instead.
class TrayNotifier : public QObject
{
    Q_OBJECT
public:
    // Reads through `reader`, which must outlive it.
    TrayNotifier(StoreReader* reader, QWidget* window, QObject* parent = nullptr);
    ~TrayNotifier() override;

    int unreadTotal() const;

public slots:
    // Connected to ServiceClient::messageChanged.
    void messageChanged(const StoredMessage& message);
    // Recounts unread messages (coalesced: at most a few times a second).
    void scheduleRecount();

signals:
    void unreadChanged(int total);
    // A notification was raised (shown in the tray, or the window was flagged).
    void notified(qint64 conversationId, const QString& title, const QString& body);
    // The agent clicked the notification or the tray icon.
    void conversationRequested(qint64 conversationId);

private:
    void recount();
    void showUnread(int total);
    void notify(const StoredMessage& message);
    void updateIcon();

    QPointer<QWidget> m_window;
    StoreReader* m_reader;
    QSystemTrayIcon* m_tray = nullptr;
    QTimer* m_recount = nullptr;
    QSet<qint64> m_notified;
    bool m_counting = false; // a recount is being read
    bool m_countAgain = false; // something changed while it was
    int m_unread = 0;
    qint64 m_lastNotifiedConversation = 0;
};
