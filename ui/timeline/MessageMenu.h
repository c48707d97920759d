#pragma once

#include <QObject>
#include <QPointer>

class QListView;
class QModelIndex;
class QPoint;
class ServiceClient;

// The thread's context menu: copy the text, reply, open an attachment or a location's map, open the status timeline,
// and the operator's decisions on a message that did not make it (Retry a failed one, Resend or Dismiss an unknown
// one). Ctrl+C copies the selected message.
class MessageMenu : public QObject
{
    Q_OBJECT
public:
    explicit MessageMenu(QListView* thread);

    void setService(ServiceClient* service);

    // What the actions do, callable without the menu (keyboard, tests).
    void copy(const QModelIndex& index);
    // Asks the composer to answer the message at `index` (replyRequested), when it can be answered.
    bool reply(const QModelIndex& index);
    void resend(qint64 id);
    // Opens the message's file (fetched through the provider for inbound media) or its map.
    void open(const QModelIndex& index);
    static bool canOpen(const QModelIndex& index);
    void dismiss(qint64 id);

signals:
    void statusTimelineRequested(qint64 messageId);
    // Answer this message: who wrote it ("You" or the customer) and its text, for the quote bar.
    void replyRequested(qint64 messageId, const QString& author, const QString& text);
    // A plain-words outcome for the status bar.
    void report(const QString& text);

private:
    void showMenu(const QPoint& position);

    QListView* m_thread;
    QPointer<ServiceClient> m_service;
};
