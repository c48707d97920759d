#pragma once

#include <QDialog>

class ConversationListModel;
class StoreReader;
class QLineEdit;
class QListView;
class QTimer;

// Ctrl+K: type a few letters of a name, number or message, Enter opens the conversation. Its own
// list model on the same store, so the main list's search and filter stay as they were.
class QuickJumpDialog : public QDialog
{
    Q_OBJECT
public:
    QuickJumpDialog(StoreReader* reader, QWidget* parent = nullptr);

    QLineEdit* searchField() const;
    QListView* results() const;

signals:
    void conversationChosen(qint64 conversationId);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void choose();
    // Enter: chooses once the list answers what was typed.
    void chooseWhenAnswered();

    ConversationListModel* m_model;
    QLineEdit* m_search;
    QListView* m_results;
    QTimer* m_debounce;
};
