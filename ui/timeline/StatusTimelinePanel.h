#pragma once

#include "app/store/StoreTypes.h"

#include <QPointer>
#include <QWidget>

class StoreReader;
class QLabel;
class QToolButton;
class QTreeWidget;

// The side panel opened from a bubble: every status the message went through with its time,
// the provider's own word and the error if any, and the provider's message id to copy.
class StatusTimelinePanel : public QWidget
{
    Q_OBJECT
public:
    explicit StatusTimelinePanel(QWidget* parent = nullptr);
    ~StatusTimelinePanel() override;

    // Where the panel reads messages from; null while the service restarts.
    void setReader(StoreReader* reader);
    // A read is on its way (the panel shows "Loading…" for a message it has not shown yet).
    bool isLoading() const;

    qint64 messageId() const;
    QTreeWidget* events() const;

public slots:
    void showMessage(qint64 id);
    // Connected to ServiceClient::messageChanged: when it is the message shown, reads it again for
    // its status history (the changed row does not carry it).
    void messageChanged(const StoredMessage& message);

signals:
    void closeRequested();
    // The message `id` has been read and is shown.
    void loaded(qint64 id);

private:
    void reload();
    void showTimeline(const Result<StoredMessage>& message);

    QPointer<StoreReader> m_reader;
    qint64 m_id = 0;
    qint64 m_shownId = 0; // the message the rows belong to
    int m_readsInFlight = 0;
    QLabel* m_title = nullptr;
    QLabel* m_providerId = nullptr;
    QToolButton* m_copy = nullptr;
    QTreeWidget* m_events = nullptr;
};
