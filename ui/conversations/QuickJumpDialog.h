#pragma once

#include <QDialog>

class ConversationListModel;
class QLineEdit;
class QListView;

// Ctrl+K: type a few letters of a name, number or message, Enter opens the conversation. Its own
// list model on the same store, so the main list's search and filter stay as they were.
class QuickJumpDialog : public QDialog
{
    Q_OBJECT
public:
    QuickJumpDialog(const QString& databasePath, QWidget* parent = nullptr);

    QLineEdit* searchField() const;
    QListView* results() const;

signals:
    void conversationChosen(qint64 conversationId);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void choose();

    ConversationListModel* m_model;
    QLineEdit* m_search;
    QListView* m_results;
};
