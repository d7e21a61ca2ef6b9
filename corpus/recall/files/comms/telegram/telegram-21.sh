curl -s https://api.telegram.org/bot6898381179:AA9ZPsRM6vaFc3cBZMFSR0VMYtjUVOjkZ9m/getUpdates
