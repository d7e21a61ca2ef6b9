kubectl create secret generic db --from-literal=username=app --from-literal=password='D*QZYhZ*_VvZ_P~4'
